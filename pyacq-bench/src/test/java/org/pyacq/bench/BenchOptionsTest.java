package org.pyacq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {
    @Test
    void linesAndTransportsKeepTableOrderWhateverTheRequestOrder() {
        BenchOptions o = BenchOptions.builder().lines(List.of(Line.ECHO, Line.PING, Line.ECHO))
                .transports(List.of(Transport.RMI, Transport.OURS)).build();
        assertEquals(List.of(Line.PING, Line.ECHO), o.lines());
        assertEquals(List.of(Transport.OURS, Transport.RMI), o.transports());
    }

    @Test
    void echoPayloadMustHoldWholeDoubles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.builder().echoBytes(1001).build());
        assertEquals("echo payload must be a multiple of 8 bytes between 8 B and 1 GiB (it is a double[]),"
                + " got 1001 bytes", e.getMessage());
    }

    @Test
    void commandLineOptionsReachTheBuilder() {
        Bench cmd = new Bench();
        new CommandLine(cmd).parseArgs("--quick", "--lines", "call,echo", "--transports", "raw,ours", "--heap", "2g",
                "--echo-mib", "8", "--rounds", "3");
        BenchOptions o = cmd.options();
        assertEquals(List.of(Line.CALL, Line.ECHO), o.lines());
        assertEquals(List.of(Transport.OURS, Transport.RAW), o.transports());
        assertEquals(Optional.of("2g"), o.heap());
        assertEquals(8 << 20, o.echoBytes());
        assertEquals(3, o.echoRounds());
        assertEquals(3, o.pipelineRounds());
        assertEquals(50, o.latencySamples());
    }

    @Test
    void unknownLineIsAUsageErrorNamingTheChoices() {
        StringWriter err = new StringWriter();
        CommandLine cl = Bench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("--lines", "ping,pong");
        assertEquals(2, exit);
        assertEquals("unknown line 'pong'; use one of ping, call, pipeline, echo, image (see bench --help)\n",
                err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void percentilesAreNearestRank() {
        Measurement m = Measurement.of(Line.PING, Transport.RAW, new double[] {9, 1, 5, 3, 7, 2, 4, 8, 6, 10});
        assertEquals(5, m.median());
        assertEquals(1, m.p10());
        assertEquals(9, m.p90());
        assertEquals(10, m.samples());
    }

    @Test
    void serverAddressLineRoundTripsAndLogLinesAreNotMistakenForIt() {
        ServerAddresses a = new ServerAddresses("tcp://127.0.0.1:1", "tcp://127.0.0.1:4", "tcp://127.0.0.1:2", "127.0.0.1:3", 42,
                1 << 30);
        assertEquals(Optional.of(a), ServerAddresses.parse(a.toJson()));
        assertEquals(Optional.empty(), ServerAddresses.parse("13:23:40.792 [main] DEBUG org.pyacq.rpc.RpcServer"));
        assertEquals(Optional.empty(), ServerAddresses.parse("{\"rpc\":\"tcp://127.0.0.1:1\"}"));
    }
}

package org.pyacq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the real harness, with a real server JVM, in quick mode: checks the shape of the report, not the speed. */
class BenchRunTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void quickRunMeasuresEveryLineOverEveryTransport() throws IOException {
        BenchOptions options = BenchOptions.builder().quick().build();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = Bench.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

        assertEquals(Line.values().length * Transport.values().length, report.measurements().size());
        for (Line line : Line.values()) {
            for (Transport t : Transport.values()) {
                Measurement m = report.get(line, t).orElseThrow(() -> new AssertionError("no " + line + " over " + t));
                assertPositive(line + " over " + t + " median", m.median());
                assertPositive(line + " over " + t + " p10", m.p10());
                assertTrue(m.p10() <= m.median() && m.median() <= m.p90(), m + " is not ordered p10 <= median <= p90");
                assertEquals(expectedSamples(options, line), m.samples(), line + " over " + t + " samples");
            }
            for (Transport other : new Transport[] {Transport.RAW, Transport.RMI}) {
                OptionalDouble r = report.oursOver(line, other);
                assertTrue(r.isPresent(), "no ratio ours/" + other.key() + " for " + line);
                assertPositive("ours/" + other.key() + " for " + line, r.getAsDouble());
            }
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("server JVM pid"), progress.toString());
        assertTrue(report.pipelineNotes().get(Transport.OURS).startsWith("path local,"),
                "ours (default mode) did not take the same-host path: " + report.pipelineNotes());
        assertTrue(report.pipelineNotes().get(Transport.OURS_CURVE).startsWith("path zeromq,"), report.pipelineNotes().toString());

        String table = report.toTable();
        for (Line line : Line.values()) {
            assertTrue(table.contains(line.title(options)), "table lacks " + line.title(options) + ":\n" + table);
        }
        assertTrue(table.contains("ours/raw") && table.contains("ours/rmi"), table);
        assertEquals(Line.values().length, countRatiosInJson(report.toJson()), report.toJson());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serverJvmExitsByItselfWhenItsStdinCloses() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ServerProcess server = ServerProcess.start(BenchOptions.builder().quick().build(),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        long pid = server.pid();
        assertTrue(server.addresses().rpc().startsWith("tcp://127.0.0.1:"), server.addresses().toString());
        assertTrue(server.stop(), "the server JVM had to be destroyed; its output:\n" + log);
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "server JVM " + pid + " is still alive");
    }

    private static int expectedSamples(BenchOptions o, Line line) {
        switch (line) {
            case PING:
            case CALL:
                return o.latencySamples();
            case PIPELINE:
                return o.pipelineRounds();
            case IMAGE:
                return Math.max(50, o.latencySamples() / 20);
            default:
                return o.echoRounds();
        }
    }

    private static void assertPositive(String what, double v) {
        assertTrue(v > 0 && Double.isFinite(v), what + " is " + v);
    }

    /** Counts the "oursOverRaw" fields that come with an "oursOverRmi" in the same line object. */
    private static int countRatiosInJson(String json) throws IOException {
        int complete = 0;
        try (JsonParser p = new JsonFactory().createParser(json)) {
            boolean raw = false;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("ratios")) {
                    raw = false;
                } else if (t == JsonToken.FIELD_NAME && p.currentName().equals("oursOverRaw")) {
                    raw = true;
                } else if (t == JsonToken.FIELD_NAME && p.currentName().equals("oursOverRmi") && raw) {
                    complete++;
                }
            }
        }
        return complete;
    }
}

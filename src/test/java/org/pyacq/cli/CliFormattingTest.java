package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.wire.DType;
import org.pyacq.wire.DecodeLimits;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

/** The pure text work of the command line: arguments, JSON output, remote messages. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CliFormattingTest {
    @Test
    void argumentsAreJsonLiteralsWhenTheyParseAsExactlyOne() {
        assertEquals(42, JsonText.parseArgument("42"));
        assertEquals(5_000_000_000L, JsonText.parseArgument("5000000000"));
        assertEquals(new BigInteger("100000000000000000000"), JsonText.parseArgument("100000000000000000000"));
        assertEquals(-1.5, JsonText.parseArgument("-1.5"));
        assertEquals(true, JsonText.parseArgument("true"));
        assertEquals(null, JsonText.parseArgument("null"));
        assertEquals("42", JsonText.parseArgument("\"42\""));
        assertEquals(List.of(1, List.of("a")), JsonText.parseArgument("[1, [\"a\"]]"));
        assertEquals(Map.of("k", Map.of()), JsonText.parseArgument("{\"k\": {}}"));
        for (String text : new String[] {"java.version", "", "1 2", "[1,", "True", "-", "hello world", "{\"k\"}"}) {
            assertEquals(text, JsonText.parseArgument(text), text);
        }
        // read as the wire reads JSON: NaN as Python's json writes it, and nesting within its limit
        assertEquals(Double.NaN, JsonText.parseArgument("NaN"));
        String deep = "[".repeat(DecodeLimits.DEFAULT.maxDepth() + 10) + "]".repeat(DecodeLimits.DEFAULT.maxDepth() + 10);
        assertEquals(deep, JsonText.parseArgument(deep));
    }

    @Test
    void jsonOutputKeepsTheData() {
        assertEquals("{\"dtype\":\"uint64\",\"shape\":[2],\"data\":[1,18446744073709551615]}",
                JsonText.write(NdArray.wrap(DType.UINT64, new long[] {1, -1}, 2)));
        assertEquals("[true,false]", JsonText.write(new boolean[] {true, false}));
        assertEquals("\"AQI=\"", JsonText.write(new byte[] {1, 2}));
        assertEquals("{\"proxy\":\"T\",\"id\":3,\"address\":\"tcp://h:1\"}",
                JsonText.write(new ProxyRef("tcp://h:1", 3, 1, "T", List.of())));
    }

    @Test
    void aRemoteMessageKeepsAllItsLinesButNotTheFrames() {
        RemoteCallException e = new RemoteCallException("tcp://127.0.0.1:1", "SpawnException", Arrays.asList(
                "Error while processing request x [1]: \n",
                "org.pyacq.spawn.SpawnException: process 'bad' failed to start:\n",
                "    java.lang.ClassNotFoundException: no.Such\n",
                "    \tat java.base/java.lang.Class.forName(Class.java:467)\n",
                "\tat org.pyacq.spawn.ProcessSpawner.parseStatus(ProcessSpawner.java:181)\n",
                "Caused by: java.lang.Exception\n"));
        assertEquals("process 'bad' failed to start:\n    java.lang.ClassNotFoundException: no.Such\n"
                + "    \tat java.base/java.lang.Class.forName(Class.java:467)", RemoteErrorText.message(e));
    }
}

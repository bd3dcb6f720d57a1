package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

/** The pure text work of the command line: arguments, results, tables, log lines, remote messages. */
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
        for (String text : new String[] {"java.version", "", "1 2", "[1,", "NaN", "True", "-", "hello world"}) {
            assertEquals(text, JsonText.parseArgument(text), text);
        }
    }

    @Test
    void resultsArePrintedPlainlyAndSummarised() {
        assertEquals("null", ValueText.plain(null));
        assertEquals("text without quotes", ValueText.plain("text without quotes"));
        assertEquals("2.5", ValueText.plain(2.5));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, "x"));
        m.put("p", new ProxyRef("tcp://127.0.0.1:5000", 7, 1, "java.util.ArrayList", List.of()));
        assertEquals("{\"a\":[1,\"x\"],\"p\":\"<java.util.ArrayList #7 at tcp://127.0.0.1:5000>\"}", ValueText.plain(m));
        assertEquals("int[10] [0, 1, 2, 3, 4, 5, 6, 7, ...]", ValueText.plain(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        assertEquals("bytes[2] ff 00", ValueText.plain(new byte[] {-1, 0}));
        assertEquals("[\"a\",null]", ValueText.plain(new Object[] {"a", null}));
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
    void psShowsDurationsAndMemoryShortly() {
        assertEquals("42s", PsTable.duration(42.9));
        assertEquals("5m07s", PsTable.duration(307));
        assertEquals("3h05m", PsTable.duration(3 * 3600 + 5 * 60 + 59));
        assertEquals("2d04h", PsTable.duration(2 * 86400 + 4 * 3600));
        assertEquals("812B", PsTable.bytes(812));
        assertEquals("120M", PsTable.bytes(120L << 20));
        assertEquals("1.5G", PsTable.bytes(3L << 29));
        List<String> lines = PsTable.lines(List.of(Map.of("name", "w1", "status", "stopped", "restarts", 2)));
        assertEquals(List.of("NAME  STATUS   PID  ADDRESS  UPTIME  RESTARTS  EXIT  MEMORY  OBJECTS",
                "w1    stopped  -    -        -       2         -     -       -"), lines);
        assertTrue(PsTable.lines(List.of(Map.of("name", "w2", "objects", 3, "references", 5))).get(1).endsWith("  3/5"));
    }

    @Test
    void logLinesLookLikeTheConsole() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host_name", "lab");
        r.put("process_name", "w1");
        r.put("thread_name", "main");
        r.put("levelno", 40);
        r.put("levelname", "ERROR");
        r.put("msg", "it broke");
        r.put("exc_text", "java.lang.IllegalStateException: why\n\tat X.y(X.java:1)");
        assertEquals("[lab:w1:main] ERROR it broke" + System.lineSeparator()
                + "java.lang.IllegalStateException: why\n\tat X.y(X.java:1)", new LogLineFormat(false).format(r));
        r.remove("exc_text");
        assertEquals("\u001b[32m[lab:w1:main]\u001b[0m \u001b[1;31mERROR it broke\u001b[0m",
                new LogLineFormat(true).format(r));
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

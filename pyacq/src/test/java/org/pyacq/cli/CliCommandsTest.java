package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.Daemon;
import org.slf4j.LoggerFactory;

/** The commands end to end, against a daemon running in this JVM with its own runtime directory. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CliCommandsTest {
    @TempDir
    Path runtimeDir;
    private Daemon daemon;
    private CliRun cli;

    @BeforeEach
    void startDaemon() {
        daemon = CliRun.startDaemon(runtimeDir);
        cli = new CliRun(runtimeDir);
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> process(String name) {
        for (Object p : (List<Object>) CliRun.json(cli.ok("ps", "--json").out())) {
            Map<String, Object> m = (Map<String, Object>) p;
            if (name.equals(m.get("name"))) {
                return m;
            }
        }
        throw new AssertionError("no process " + name + " in ps");
    }

    private static void assertMatches(String regex, String text) {
        assertTrue(Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches(),
                () -> "expected " + regex + "\nbut got:\n" + text);
    }

    @Test
    void spawnThenPsThenCallPrintsTheChildsJavaVersion() {
        assertMatches("started w1: pid \\d+ at tcp://127\\.0\\.0\\.1:\\d+\n", cli.ok("spawn", "w1").out());

        String[] table = cli.ok("ps").out().split("\n");
        assertEquals(2, table.length, String.join("\n", table));
        assertMatches("NAME\\s+STATUS\\s+PID\\s+ADDRESS\\s+UPTIME\\s+RESTARTS\\s+EXIT\\s+MEMORY\\s+OBJECTS\\s+REFS"
                + "\\s+CLIENTS", table[0]);
        // the counts: the daemon's own proxy to w1 at least, or '-' if w1 did not answer in time
        assertMatches("w1\\s+running\\s+\\d+\\s+tcp://127\\.0\\.0\\.1:\\d+\\s+\\d+s\\s+0\\s+-\\s+\\S+\\s+(\\d+|-)"
                + "\\s+(\\d+|-)\\s+(\\d+|-)", table[1]);
        assertEquals(table[0].indexOf("STATUS"), table[1].indexOf("running"), "columns line up");
        assertEquals(table[0].indexOf("CLIENTS"), table[1].lastIndexOf(' ') + 1, "columns line up");

        CliRun.Result version = cli.ok("call", "w1", "java.lang.System.getProperty", "java.version");
        assertEquals(System.getProperty("java.version") + "\n", version.out());
        assertEquals("", version.err());
    }

    @Test
    void callArgumentsAreJsonLiteralsElsePlainText() {
        cli.ok("spawn", "w1");
        assertEquals("4\n", cli.ok("call", "w1", "java.lang.Math.max", "3", "4").out());
        assertEquals("-2.5\n", cli.ok("call", "w1", "java.lang.Math.min", "-2.5", "7").out());
        assertEquals("a,b\n", cli.ok("call", "w1", "java.lang.String.join", ",", "[\"a\", \"b\"]").out());
        assertEquals("[\"a\", [1, 2], {\"k\": true}, \"plain\"]\n",
                cli.ok("call", "w1", "java.util.List.of", "\"a\"", "[1, 2]", "{\"k\": true}", "plain").out());
        assertEquals("true\n", cli.ok("call", "w1", "java.util.Objects.isNull", "null").out());
        assertEquals("2147483647\n", cli.ok("call", "w1", "java.lang.Integer.MAX_VALUE").out());
        assertEquals("pong\n", cli.ok("call", "w1", "self.ping").out());
        assertMatches("<java\\.util\\.ArrayList #\\d+ at w1>\n", cli.ok("call", "w1", "java.util.ArrayList").out());
    }

    @Test
    void callWalksFromPublishedObjectsAndSummarisesArrays() {
        cli.ok("spawn", "w1", "--startup-class", CallFixtures.class.getName());
        assertEquals("5\n", cli.ok("call", "w1", "fixtures.add", "2", "3").out());
        assertEquals("hello\n", cli.ok("call", "w1", "greeting").out());
        assertEquals("5\n", cli.ok("call", "w1", "greeting.length").out());
        assertEquals("float64[3] [1.0, 2.0, 3.0]\n", cli.ok("call", "w1", "fixtures.doubles").out());
        assertEquals("[1.0,2.0,3.0]\n", cli.ok("call", "w1", "fixtures.doubles", "--json").out());
        assertEquals("bytes[20] 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f …\n",
                cli.ok("call", "w1", "fixtures.bytes", "20").out());
        assertEquals("\"AAEC\"\n", cli.ok("call", "w1", "fixtures.bytes", "3", "--json").out());
        assertEquals("uint16[2, 3] [1, 2, 3, 4, 5, 6]\n", cli.ok("call", "w1", "fixtures.matrix").out());
        assertEquals("{\"dtype\":\"uint16\",\"shape\":[2,3],\"data\":[1,2,3,4,5,6]}\n",
                cli.ok("call", "w1", "fixtures.matrix", "--json").out());
    }

    @Test
    void aRemoteExceptionExitsWithOneAndPrintsItsSummary() {
        cli.ok("spawn", "w1");
        CliRun.Result r = cli.run("call", "w1", "java.lang.Integer.parseInt", "abc");
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertEquals("NumberFormatException: For input string: \"abc\"\n", r.err());

        CliRun.Result traced = cli.run("call", "w1", "java.lang.Integer.parseInt", "abc", "--trace");
        assertEquals(1, traced.code(), traced::toString);
        assertTrue(traced.err().contains("java.lang.NumberFormatException: For input string: \"abc\"\n"
                + "\tat java.base/java.lang.NumberFormatException.forInputString"), traced::toString);
    }

    @Test
    void anUnknownProcessExitsWithThree() {
        cli.ok("spawn", "w1");
        for (String[] args : new String[][] {{"call", "nope", "self.ping"}, {"ping", "nope"}, {"stop", "nope"},
            {"kill", "nope"}, {"restart", "nope"}}) {
            CliRun.Result r = cli.run(args);
            assertEquals(3, r.code(), r::toString);
            assertEquals("pyacq: no process named 'nope'; known processes: [w1]\n", r.err());
        }
        cli.ok("stop", "w1");
        CliRun.Result stopped = cli.run("call", "w1", "self.ping");
        assertEquals(3, stopped.code(), stopped::toString);
        assertEquals("pyacq: process 'w1' is stopped; 'pyacq restart w1' starts it again\n", stopped.err());
    }

    @Test
    void aFailedSpawnExitsWithFourAndShowsTheChildsOwnError() {
        CliRun.Result r = cli.run("spawn", "bad", "--startup-class", "no.such.StartupClass");
        assertEquals(4, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("pyacq: process 'bad' failed to start:\n"
                + "    java.lang.ClassNotFoundException: no.such.StartupClass\n"), r::toString);

        cli.ok("spawn", "w1");
        CliRun.Result twice = cli.run("spawn", "w1");
        assertEquals(4, twice.code(), twice::toString);
        assertEquals("pyacq: a process named 'w1' is already running; stop it first or choose another name\n",
                twice.err());
    }

    @Test
    void stopKillAndRestartChangeTheProcessAsTheySay() {
        cli.ok("spawn", "w1");
        long firstPid = ((Number) process("w1").get("pid")).longValue();

        CliRun.Result restarted = cli.ok("restart", "w1");
        assertMatches("restarted w1: pid \\d+ at tcp://127\\.0\\.0\\.1:\\d+\n", restarted.out());
        Map<String, Object> after = process("w1");
        assertEquals("running", after.get("status"));
        assertNotEquals(firstPid, ((Number) after.get("pid")).longValue());
        assertEquals(1, ((Number) after.get("restarts")).intValue());

        assertEquals("stopped w1 (exit code 0)\n", cli.ok("stop", "w1").out());
        assertEquals("stopped", process("w1").get("status"));

        cli.ok("spawn", "w2");
        assertEquals("killed w2 (exit code 137)\n", cli.ok("kill", "w2").out());
        assertEquals("stopped", process("w2").get("status"));
        String restartedOut = cli.ok("restart", "w2").out();
        assertEquals("restarted w2: pid " + process("w2").get("pid"), restartedOut.split(" at ")[0]);
    }

    @Test
    void logsShowAChildsStdoutLine() {
        cli.ok("spawn", "w1");
        cli.ok("call", "w1", "java.lang.System.out.println", "hello from w1");
        String[] line = new String[1];
        CliRun.await("the line is in the log", () -> {
            for (String l : cli.ok("logs", "--process", "w1").out().split("\n")) {
                if (l.contains("hello from w1")) {
                    line[0] = l;
                    return true;
                }
            }
            return false;
        });
        assertMatches("\\[[^:\\]]+:w1:pyacq-forward-w1\\.stdout\\] INFO \\[w1\\.stdout\\] hello from w1", line[0]);
    }

    @Test
    void logsFollowPrintsARecordLoggedAfterItStartedAndStopsWhenCancelled() throws Exception {
        Cancellation cancellation = new Cancellation();
        CliRun.Capture follow = new CliRun.Capture();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> exit.complete(PyacqCommand.execute(
                cli.withDir(true, "logs", "-f", "-n", "0"), follow.outWriter, follow.errWriter, cancellation)),
                "pyacq-logs-f");
        thread.start();
        CliRun.await("logs -f is following", () -> follow.err.toString().contains("following the log"));

        org.slf4j.Logger log = LoggerFactory.getLogger("org.pyacq.cli.test");
        int[] sent = {0};
        // a subscription takes effect a little after it is made (ZeroMQ): log again until one arrives
        CliRun.await("a new record is printed", () -> {
            if (follow.out.toString().contains("record for logs -f")) {
                return true;
            }
            log.warn("record for logs -f #{}", ++sent[0]);
            return false;
        });
        cancellation.cancel("the test is done");
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        thread.join();
        String first = follow.out.toString().split("\n")[0];
        assertMatches("\\[[^:\\]]+:[^:\\]]+:[^\\]]+\\] WARNING record for logs -f #\\d+", first);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonOutputsParseAsJson() {
        Map<String, Object> spawned = (Map<String, Object>) CliRun.json(cli.ok("spawn", "w1", "--json").out());
        assertEquals("w1", spawned.get("name"));
        assertEquals("running", spawned.get("status"));

        List<Object> ps = (List<Object>) CliRun.json(cli.ok("ps", "--json").out());
        assertEquals(1, ps.size());
        // the child's reference table (docs/LIFETIME.md); the first ask may miss its short deadline
        for (int i = 0; i < 20 && ((Map<String, Object>) ps.get(0)).get("references") == null; i++) {
            ps = (List<Object>) CliRun.json(cli.ok("ps", "--json").out());
        }
        Map<String, Object> w1 = (Map<String, Object>) ps.get(0);
        assertTrue(w1.get("references") instanceof Number r && r.intValue() >= 1, w1.toString());
        assertTrue(w1.get("objects") instanceof Number && w1.get("leases") instanceof Number, w1.toString());

        Map<String, Object> ping = (Map<String, Object>) CliRun.json(cli.ok("ping", "--json").out());
        assertEquals("daemon", ping.get("target"));
        assertEquals(daemon.address(), ping.get("address"));
        assertInstanceOf(Number.class, ping.get("round_trip_ms"));
        assertEquals("w1", ((Map<String, Object>) CliRun.json(cli.ok("ping", "w1", "--json").out())).get("target"));

        assertEquals("17", CliRun.json(cli.ok("call", "w1", "java.lang.String.valueOf", "17", "--json").out()));
        assertEquals("[1, 2]", CliRun.json(cli.ok("call", "w1", "java.util.List.of", "1", "2", "--json").out()).toString());

        cli.ok("call", "w1", "java.lang.System.out.println", "for logs --json");
        CliRun.await("the line is in the log", () -> cli.ok("logs", "--process", "w1").out().contains("for logs --json"));
        String[] records = cli.ok("logs", "--json").out().split("\n");
        assertTrue(records.length >= 1);
        for (String record : records) {
            assertInstanceOf(Map.class, CliRun.json(record), record);
        }

        assertEquals("stopped", ((Map<String, Object>) CliRun.json(cli.ok("stop", "w1", "--json").out())).get("status"));
    }

    @Test
    void pingAnswersPongWithTheRoundTrip() {
        assertMatches("pong \\d+\\.\\d\\d ms\n", cli.ok("ping").out());
        cli.ok("spawn", "w1");
        assertMatches("pong \\d+\\.\\d\\d ms\n", cli.ok("ping", "w1").out());
    }
}

package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

/**
 * {@code pyacq call} made by the daemon: nothing is left in the process after a run (nor after a
 * killed run), {@code --keep}/{@code --forget}, a long call does not hold up the daemon, many runs
 * at once, and the message for a process that died.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CliCallLifetimeTest {
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

    /** The process's live objects and outstanding references, as one "objects/references" text. */
    private String table(String name) {
        return cli.ok("call", name, "self.liveObjectCount").out().strip() + "/"
                + cli.ok("call", name, "self.referenceCount").out().strip();
    }

    @Test
    void twoHundredCallsReturningObjectsLeaveNothingInTheProcess() {
        cli.ok("spawn", "w1");
        String before = table("w1");
        for (int i = 0; i < 200; i++) {
            String out = cli.ok("call", "w1", "java.util.ArrayList").out();
            assertTrue(out.matches("<java\\.util\\.ArrayList #\\d+ at w1>\n"), out);
        }
        cli.ok("call", "w1", "java.util.List.of", "1", "2");
        assertEquals(before, table("w1"), "live objects / references before and after 200 calls");
    }

    @Test
    void keepPublishesTheResultAndForgetDropsIt() {
        cli.ok("spawn", "w1");
        String before = table("w1");
        assertTrue(cli.ok("call", "w1", "java.util.ArrayList", "--keep", "list").out().matches(
                "<java\\.util\\.ArrayList #\\d+ at w1>\n"));
        assertEquals("true\n", cli.ok("call", "w1", "list.add", "5").out());
        assertEquals("1\n", cli.ok("call", "w1", "list.size").out());
        assertEquals("[5]\n", cli.ok("call", "w1", "list").out());
        assertEquals("[\"list\",\"self\"]\n", cli.ok("call", "w1", "self.publishedNames", "--json").out().replace(
                "[\"self\",\"list\"]", "[\"list\",\"self\"]"));
        cli.ok("call", "w1", "--forget", "list");
        assertEquals("[\"self\"]\n", cli.ok("call", "w1", "self.publishedNames", "--json").out());
        assertEquals(before, table("w1"));

        CliRun.Result again = cli.run("call", "w1", "--forget", "list");
        assertEquals(4, again.code(), again::toString);
        assertEquals("pyacq: process 'w1' has nothing published under 'list'\n", again.err());
        CliRun.Result both = cli.run("call", "w1", "self.ping", "--forget", "list");
        assertEquals(2, both.code(), both::toString);
        CliRun.Result noPath = cli.run("call", "w1");
        assertEquals(2, noPath.code(), noPath::toString);
        assertTrue(noPath.err().startsWith("Missing required parameter: 'PATH' (what to call in 'w1'"), noPath::toString);
    }

    /** Waits until the daemon's logs show w1 waiting in {@link CallFixtures#blockUntilExists}. */
    private void awaitTheWaitIn(String name, Path gate) {
        CliRun.await("the slow call runs in " + name, () -> cli.ok("logs", "--process", name, "-n", "50").out()
                .contains("waiting for " + gate));
    }

    @Test
    void aLongCallHoldsUpNeitherPsNorLogsNorCallsToOtherProcessesNorManyRunsAtOnce() throws Exception {
        cli.ok("spawn", "w1", "--startup-class", CallFixtures.class.getName());
        cli.ok("spawn", "w2");
        Path gate = runtimeDir.resolve("gate");
        CompletableFuture<CliRun.Result> slow = CompletableFuture.supplyAsync(
                () -> cli.run("call", "w1", "fixtures.blockUntilExists", gate.toString()));
        awaitTheWaitIn("w1", gate);

        assertTrue(cli.ok("ps").out().contains("w2"));
        assertEquals("7\n", cli.ok("call", "w2", "java.lang.Math.max", "3", "7").out());
        List<CompletableFuture<CliRun.Result>> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String n = Integer.toString(i);
            many.add(CompletableFuture.supplyAsync(i % 4 == 3 ? () -> cli.run("ps", "--json")
                    : () -> cli.run("call", "w2", "java.lang.Math.max", n, "-1")));
        }
        for (int i = 0; i < many.size(); i++) {
            CliRun.Result r = many.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r::toString);
            if (i % 4 == 3) {
                assertTrue(r.out().contains("\"w1\""), r::toString);
            } else {
                assertEquals(i + "\n", r.out());
            }
        }
        assertFalse(slow.isDone(), "the slow call is still running");

        Files.createFile(gate);
        CliRun.Result done = slow.get(60, TimeUnit.SECONDS);
        assertEquals("<java.util.ArrayList #", done.out().substring(0, Math.min(22, done.out().length())),
                done::toString);
    }

    @Test
    void aCommandKilledInTheMiddleOfACallLeavesNothingBehind() throws Exception {
        cli.ok("spawn", "w1", "--startup-class", CallFixtures.class.getName());
        String before = table("w1");
        Path gate = runtimeDir.resolve("gate");
        Process cliProcess = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName(), "call", "w1",
                "fixtures.blockUntilExists", gate.toString(), "--runtime-dir", runtimeDir.toString(), "--no-autostart")
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        try {
            awaitTheWaitIn("w1", gate);
            cliProcess.destroyForcibly();
            assertTrue(cliProcess.waitFor(30, TimeUnit.SECONDS));
        } finally {
            cliProcess.destroyForcibly();
        }
        Files.createFile(gate);   // the call ends and returns a new list, which nobody reads
        CliRun.await("the list made for the killed command is released", () -> before.equals(table("w1")));
    }

    /** eval and the REPL hold their objects themselves: the command line ends its lease as it exits. */
    @Test
    void evalAndAReplScriptLeaveNothingBehindWhenTheyEnd() throws Exception {
        cli.ok("spawn", "w1");
        String before = table("w1");
        for (String[] command : List.of(new String[] {"eval", "w1", "java.util.ArrayList()"},
                new String[] {"repl"})) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName()));
            cmd.addAll(List.of(command));
            cmd.addAll(List.of("--runtime-dir", runtimeDir.toString(), "--no-autostart"));
            Path script = runtimeDir.resolve("script.txt");
            Files.writeString(script, "l = process(\"w1\").java.util.ArrayList()\nl.add(1)\n");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(script.toFile())
                    .redirectOutput(runtimeDir.resolve("out.txt").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
            assertEquals(0, p.exitValue(), () -> String.join(" ", command) + ": "
                    + CliRun.read(runtimeDir.resolve("out.txt")));
            assertEquals(before, table("w1"), "what " + String.join(" ", command) + " made is released");
        }
    }

    @Test
    void aCallToAProcessThatDiedSaysHowAndWhen() throws Exception {
        Map<?, ?> spawned = (Map<?, ?>) CliRun.json(cli.ok("spawn", "w1", "--restart", "no", "--json").out());
        long pid = ((Number) spawned.get("pid")).longValue();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        CliRun.await("the daemon sees w1 die", () -> cli.ok("ps", "--json").out().contains("\"SIGKILL\""));

        CliRun.Result r = cli.run("call", "w1", "self.ping");
        assertEquals(3, r.code(), r::toString);
        assertTrue(Pattern.matches("pyacq: w1 died at \\d\\d:\\d\\d:\\d\\d: killed by SIGKILL \\(signal 9\\); it wrote "
                + "nothing to stderr; 'pyacq restart w1' starts it again\n", r.err()), r::toString);
        assertTrue(cli.ok("ps").out().contains("SIGKILL"), "ps shows the signal");
    }
}

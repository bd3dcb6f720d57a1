package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.Daemon;
import org.pyacq.daemon.DaemonConfig;
import org.pyacq.daemon.RuntimeFile;
import org.slf4j.LoggerFactory;

/** What the command line does on its own: usage errors, help, completion, no daemon, the daemon command. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliWithoutDaemonTest {
    private static final String[] COMMANDS = {"daemon", "spawn", "ps", "stop", "kill", "restart", "call", "eval",
        "repl", "ping", "logs", "shutdown", "context", "key", "completion"};

    @TempDir
    Path runtimeDir;

    @Test
    void usageErrorsExitWithTwoAndPointToHelp() {
        CliRun.Result missing = CliRun.exec("call", "w1");
        assertEquals(2, missing.code(), missing::toString);
        assertEquals("", missing.out());
        assertEquals("Missing required parameter: 'PATH' (what to call in 'w1', e.g. java.lang.System.getProperty"
                + " or self.ping)\n"
                + "Usage: pyacq call [-hvV] [--allow-insecure-remote] [--insecure] [--json]\n"
                + "                  [--no-autostart] [--trace] [--address=ADDRESS]\n"
                + "                  [--context=NAME] [--daemon=ENDPOINT] [--forget=NAME]\n"
                + "                  [--keep=NAME] [--key-dir=DIR] [--runtime-dir=DIR]\n"
                + "                  [--server-key=KEY] [--timeout=SECONDS] NAME [PATH] [ARG...]\n"
                + "Run 'pyacq call --help' for its options and examples.\n", missing.err());

        CliRun.Result policy = CliRun.exec("spawn", "w1", "--restart", "sometimes");
        assertEquals(2, policy.code(), policy::toString);
        assertTrue(policy.err().startsWith("Invalid value for option '--restart': 'sometimes' is not a restart "
                + "policy; use no, on-failure or always\n"), policy::toString);

        CliRun.Result typo = CliRun.exec("sapwn", "w1");
        assertEquals(2, typo.code(), typo::toString);
        assertTrue(typo.err().contains("Did you mean: pyacq spawn"), typo::toString);

        assertEquals(2, CliRun.exec().code());
        assertEquals(2, CliRun.exec("ps", "--timeout", "0").code());
        assertEquals(2, CliRun.exec("logs", "--level", "loud").code());
        assertEquals(2, CliRun.exec("completion", "fish").code());
    }

    @Test
    void withoutADaemonAndWithoutAutostartCommandsExitWithThree() {
        CliRun cli = new CliRun(runtimeDir);
        for (String command : new String[] {"ping", "ps", "logs"}) {
            CliRun.Result r = cli.run(command);
            assertEquals(3, r.code(), r::toString);
            assertEquals("pyacq: no daemon is running for " + runtimeDir + "; start one with 'pyacqd' (or 'pyacq "
                    + "daemon'), or let commands start it by leaving out --no-autostart and PYACQ_NO_AUTOSTART\n",
                    r.err());
        }
        CliRun.Result shutdown = cli.run("shutdown");
        assertEquals(0, shutdown.code(), shutdown::toString);
        assertEquals("pyacq: no daemon is running for " + runtimeDir + "; nothing to stop\n", shutdown.err());
        assertFalse(Files.exists(RuntimeFile.pathIn(runtimeDir)), "shutdown never starts a daemon");
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLineError() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            CliRun.Result r = new CliRun(runtimeDir).run("ping", "-v");
            assertEquals(3, r.code(), r::toString);
            assertTrue(r.err().startsWith("pyacq: no daemon is running for " + runtimeDir + ";"), r::toString);
            assertTrue(r.err().contains("\n\tat org.pyacq.daemon.DaemonLocator.findOrStart("), r::toString);
            assertEquals(Level.DEBUG, root.getLevel(), "-v logs debug messages");
        } finally {
            root.setLevel(before);
        }
    }

    @Test
    void everyCommandsHelpHasExamplesAndExitCodes() {
        CliRun.Result top = CliRun.exec("--help");
        assertEquals(0, top.code());
        for (String name : COMMANDS) {
            assertTrue(top.out().contains("\n  " + name + " "), "listed: " + name);
            CliRun.Result help = CliRun.exec(name, "--help");
            assertEquals(0, help.code(), help::toString);
            String[] lines = help.out().split("\n");
            assertFalse(lines[0].isBlank(), name + " has a header line");
            assertTrue(lines[1].startsWith("Usage: pyacq " + name), help::toString);
            assertTrue(help.out().contains("\nExamples:\n  "), name + " has examples");
            assertTrue(help.out().contains("\nExit codes:\n   0   Success.\n   1   The remote code raised"),
                    name + " lists exit codes");
            assertTrue(help.out().contains("--runtime-dir=DIR") && help.out().contains("--timeout=SECONDS")
                    && help.out().contains("--no-autostart") && help.out().contains("-v, --verbose"),
                    name + " shows the global options");
        }
        CliRun.Capture c = new CliRun.Capture();
        int code = PyacqdCommand.execute(new String[] {"--help"}, c.outWriter, c.errWriter, new Cancellation());
        assertEquals(0, code, c.err::toString);
        assertTrue(c.out.toString().contains("--stop-grace=SECONDS") && c.out.toString().contains("Exit codes:"),
                c.out::toString);
    }

    @Test
    void completionPrintsABashScriptWithEverySubcommand() {
        CliRun.Result r = CliRun.exec("completion", "bash");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("complete -F _complete_pyacq"), "a bash completion function");
        assertTrue(r.out().contains("bashcompinit"), "usable from zsh");
        for (String name : COMMANDS) {
            assertTrue(r.out().contains(name), name);
        }
        assertEquals(r.out(), CliRun.exec("completion", "zsh").out());
    }

    @Test
    void theDaemonCommandRefusesASecondDaemonForTheSameDirectory() {
        try (Daemon first = Daemon.start(DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString())))) {
            String expected = "a daemon is already running for " + runtimeDir + " (pid " + ProcessHandle.current().pid()
                    + " at " + first.address() + "); stop it with 'pyacq shutdown' or give this one another runtime "
                    + "directory (--runtime-dir)\n";
            CliRun.Result r = CliRun.exec("daemon", "--runtime-dir", runtimeDir.toString());
            assertEquals(4, r.code(), r::toString);
            assertEquals("", r.out());
            assertEquals("pyacq: " + expected, r.err());

            CliRun.Capture c = new CliRun.Capture();
            int code = PyacqdCommand.execute(new String[] {"--runtime-dir", runtimeDir.toString(), "--no-config"},
                    c.outWriter, c.errWriter, new Cancellation());
            assertEquals(4, code);
            assertEquals("pyacqd: " + expected, c.err.toString());
        }
    }

    @Test
    void theDaemonCommandServesUntilCancelledThenStopsItsProcesses() throws Exception {
        Cancellation cancellation = new Cancellation();
        CliRun.Capture c = new CliRun.Capture();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> exit.complete(PyacqCommand.execute(new String[] {"daemon", "--runtime-dir",
            runtimeDir.toString(), "--no-config", "--stop-grace", "2"}, c.outWriter, c.errWriter, cancellation)),
                "pyacq-daemon-command");
        thread.start();
        CliRun cli = new CliRun(runtimeDir);
        CliRun.await("the daemon serves", () -> Files.exists(RuntimeFile.pathIn(runtimeDir)));
        CliRun.Result spawned = cli.run("spawn", "w1", "--json");
        assertEquals(0, spawned.code(), spawned::toString);
        long child = ((Number) ((Map<?, ?>) CliRun.json(spawned.out())).get("pid")).longValue();

        cancellation.cancel("the test is done");
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), c.err::toString);
        thread.join();
        assertFalse(Files.exists(RuntimeFile.pathIn(runtimeDir)), "the runtime file is removed");
        CliRun.await("the child is gone", () -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void callReachesAnyServerByAddressAndLeavesNothingThere() {
        try (org.pyacq.rpc.RpcServer server = org.pyacq.rpc.RpcServer.builder().name("mine").build().start()) {
            server.publish("list", new java.util.ArrayList<>(java.util.List.of(1, 2)));
            String a = server.address();
            int objects = server.liveObjectCount();
            int references = server.referenceCount();
            assertEquals("7\n", ok("call", "--address", a, "java.lang.Math.max", "3", "7"));
            assertEquals("2\n", ok("call", "--address", a, "list.size"));
            assertEquals("[1, 2]\n", ok("call", "--address", a, "list"));
            assertTrue(ok("call", "--address", a, "java.util.ArrayList").matches(
                    "<java\\.util\\.ArrayList #\\d+ at " + java.util.regex.Pattern.quote(a) + ">\n"));
            assertEquals(objects, server.liveObjectCount(), "objects made by the calls are released");
            assertEquals(references, server.referenceCount());

            CliRun.Result typo = CliRun.exec("call", "--address", a, "java.lang.Nope");
            assertEquals(1, typo.code(), typo::toString);
            assertTrue(typo.err().startsWith("ImportNotFoundException: no class or package named 'java.lang.Nope'"),
                    typo::toString);
            CliRun.Result forget = CliRun.exec("call", "--address", a, "list.size", "--forget", "list");
            assertEquals(2, forget.code(), forget::toString);
            assertTrue(forget.err().startsWith("--forget does not go with --address; call self.unpublish list"),
                    forget::toString);
        }
    }

    private static String ok(String... args) {
        CliRun.Result r = CliRun.exec(args);
        assertEquals(0, r.code(), r::toString);
        return r.out();
    }
}

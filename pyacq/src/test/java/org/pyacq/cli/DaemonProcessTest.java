package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.RuntimeFile;

/** The daemon as a process of its own: started by a command (autostart), stopped by 'shutdown' and by SIGTERM. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DaemonProcessTest {
    @TempDir
    Path runtimeDir;
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws IOException {
        RuntimeFile.read(runtimeDir).ifPresent(f -> started.add(f.pid()));
        for (long pid : started) {
            if (pid != ProcessHandle.current().pid()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private Optional<RuntimeFile> runtimeFile() {
        try {
            return RuntimeFile.read(runtimeDir);
        } catch (IOException e) {
            return Optional.empty();   // being written
        }
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Test
    void pingStartsADaemonInTheBackgroundAndShutdownStopsIt() {
        CliRun cli = new CliRun(runtimeDir);
        CliRun.Result ping = cli.runAutostart("ping");
        assertEquals(0, ping.code(), ping::toString);
        assertTrue(ping.out().matches("pong \\d+\\.\\d\\d ms\n"), ping::toString);

        RuntimeFile file = runtimeFile().orElseThrow();
        started.add(file.pid());
        assertNotEquals(ProcessHandle.current().pid(), file.pid(), "the daemon is a process of its own");
        assertTrue(file.processAlive());

        CliRun.Result again = cli.run("ping");
        assertEquals(0, again.code(), again::toString);
        assertEquals(file.pid(), runtimeFile().orElseThrow().pid(), "the running daemon is reused");

        CliRun.Result shutdown = cli.run("shutdown");
        assertEquals(0, shutdown.code(), shutdown::toString);
        assertEquals("stopped the daemon (pid " + file.pid() + ") of " + runtimeDir + "\n", shutdown.out());
        assertFalse(Files.exists(RuntimeFile.pathIn(runtimeDir)), "the runtime file is gone");
        CliRun.await("the daemon process exits", () -> gone(file.pid()));
    }

    @Test
    void sigtermStopsTheDaemonAndItsProcessesAndExitsZero() throws Exception {
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName(), "daemon",
                "--runtime-dir", runtimeDir.toString(), "--no-config", "--stop-grace", "3")
                .redirectErrorStream(true).redirectOutput(runtimeDir.resolve("foreground.log").toFile()).start();
        started.add(daemon.pid());
        CliRun.await("the daemon serves", () -> runtimeFile().map(f -> f.pid() == daemon.pid()).orElse(false));

        CliRun cli = new CliRun(runtimeDir);
        long[] children = new long[2];
        for (int i = 0; i < children.length; i++) {
            CliRun.Result r = cli.run("spawn", "w" + i, "--restart", "always", "--json");
            assertEquals(0, r.code(), r::toString);
            children[i] = ((Number) ((Map<?, ?>) CliRun.json(r.out())).get("pid")).longValue();
            started.add(children[i]);
        }

        daemon.destroy();   // SIGTERM
        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon exits");
        assertEquals(0, daemon.exitValue(), () -> log(runtimeDir.resolve("foreground.log")));
        for (long child : children) {
            CliRun.await("process " + child + " is gone", () -> gone(child));
        }
        assertFalse(Files.exists(RuntimeFile.pathIn(runtimeDir)), "the runtime file is gone");
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}

package org.pyacq.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.readme.ReadmeBlocks.Block;
import org.pyacq.testing.Checkout;
import org.pyacq.testing.Requirements;
import org.pyacq.testing.Await;

/**
 * Runs the README's shell commands as a user would, through bin/ and the packaged jar (so it runs
 * after {@code mvn package}, under failsafe): every {@code sh run} block in order, checking the
 * sample output shown after it; the quick-start daemon command until SIGTERM; the systemd install
 * into a staging root, with the installed unit checked by {@code systemd-analyze verify}; and the
 * Docker image's entry point, environment and health check, run on this machine.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // runs every README command, the benchmark included
class ReadmeIT {
    private static final Path ROOT = ReadmeBlocks.repoRoot();
    private static final ReadmeBlocks README = ReadmeBlocks.load();
    private static final long BLOCK_TIMEOUT_SECONDS = 300;

    @TempDir
    Path temp;
    private Map<String, String> env;

    @BeforeEach
    void isolateFromTheUser() throws IOException {
        assertTrue(Files.isRegularFile(Checkout.productJar()), "run after mvn package (failsafe does)");
        env = new LinkedHashMap<>();
        env.put("PYACQ_RUNTIME_DIR", dir("runtime").toString());
        env.put("PYACQ_KEY_DIR", temp.resolve("keys").toString()); // created owner-only on first use
        env.put("HOME", dir("home").toString());
        // class-data sharing archives of the launchers: kept between runs
        env.put("XDG_CACHE_HOME", ROOT.resolve("target/it-cache").toString());
    }

    @AfterEach
    void stopWhatTheCommandsLeft() {
        run("bin/pyacq --no-autostart shutdown; bin/pyacq --insecure --no-autostart shutdown; true");
        awaitArchiveTrainings();
    }

    /**
     * A launcher that finds no archive for its jar (the systemd test's installed copy never has one)
     * trains it in a detached JVM with this test's environment, which can still be writing into this
     * test's directory (a key file in PYACQ_KEY_DIR) while JUnit deletes it: wait for them to end.
     */
    private static void awaitArchiveTrainings() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("-Dpyacq.cds.training=true"))
                .forEach(p -> {
                    try {
                        p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        p.destroyForcibly();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Test
    void shellSamplesRunInOrderAndPrintWhatTheReadmeShows() {
        List<Block> blocks = README.withTag("sh", "run");
        assertFalse(blocks.isEmpty());
        for (Block block : blocks) {
            Result r = run(block.text());
            assertEquals(0, r.code, () -> block + " failed:\n" + block.text() + r);
            Block output = README.outputOf(block);
            if (output != null) {
                List<String> missing = ReadmeBlocks.unmatchedLines(output, r.out);
                assertTrue(missing.isEmpty(), () -> output + ": no output line like " + missing + r);
            }
        }
    }

    @Test
    void quickStartDaemonRunsUntilSigterm() throws Exception {
        String command = README.only("sh", "daemon").text().strip();
        assertEquals("bin/pyacqd", command);
        Process daemon = start(List.of(ROOT.resolve(command).toString()));
        try {
            awaitCommand("bin/pyacq ping --no-autostart", daemon);
            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "pyacqd stops within 60 s of SIGTERM");
            assertEquals(0, daemon.exitValue(), () -> "pyacqd exits 0 on SIGTERM" + log());
            assertFalse(Files.exists(Path.of(env.get("PYACQ_RUNTIME_DIR"), "daemon.json")), "runtime file removed");
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void dockerImageEntryPointEnvironmentAndHealthCheckWork() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertEquals(2, count(dockerfile, "(?m)^FROM "), "multi-stage: a build stage and a runtime stage");
        assertTrue(dockerfile.contains("COPY --from=build"), "the runtime stage takes the build stage's jar");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertTrue(user.find() && !user.group(1).equals("root") && !user.group(1).equals("0"), "runs as non-root");
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        while (copy.find()) {
            assertTrue(Files.exists(ROOT.resolve(copy.group(1))), "COPY source " + copy.group(1) + " exists");
        }
        // the image's settings by environment, with ports the daemon chooses (and reports) instead of
        // 7600-7602: no free-port probing, which races with other programs
        Matcher setting = Pattern.compile("(PYACQD_\\w+)=tcp://0\\.0\\.0\\.0:(\\d+)").matcher(dockerfile);
        int settings = 0;
        while (setting.find()) {
            env.put(setting.group(1), "tcp://0.0.0.0:*");
            settings++;
        }
        assertEquals(3, settings, "the image sets the control, log and log feed addresses");
        String health = match(dockerfile, "(?m)^\\s+CMD \\[\"pyacq\", (.*)\\]$").replace("\"", "").replace(",", "");
        String entry = match(dockerfile, "(?m)^ENTRYPOINT \\[\"(\\w+)\"\\]$");
        String config = match(dockerfile, "(?m)^CMD \\[\"--config\", \"/opt/pyacq/(conf/pyacqd.conf)\"\\]$");
        Process daemon = start(List.of(ROOT.resolve("bin/" + entry).toString(), "--config", ROOT.resolve(config).toString()));
        try {
            Result check = awaitCommand("bin/pyacq " + health, daemon);
            assertTrue(check.out.contains("0.0.0.0:") || check.out.contains("pong"), check::toString);
            daemon.destroy();
            assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "pyacqd stops within 60 s of SIGTERM");
            assertEquals(0, daemon.exitValue(), this::log);
            // bound to every interface, as its environment says; it advertises an address other hosts can dial
            String advertised = "serving at tcp://" + org.pyacq.transport.Endpoints.advertisedHost() + ":";
            assertTrue(Files.readString(temp.resolve("daemon.log")).contains(advertised),
                    () -> "the daemon serves on all interfaces, as its environment says (" + advertised + ")" + log());
        } finally {
            daemon.destroyForcibly();
        }
    }

    @Test
    void systemdInstallWorksInAStagingRootAndTheUnitVerifies() throws Exception {
        Requirements.assumeTool("systemd-analyze", "systemd");
        Path root = dir("root");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        StringBuilder script = new StringBuilder();
        for (String line : README.only("sh", "systemd").lines()) {
            String command = line.replace("sudo ", "");
            if (command.startsWith("useradd ") || command.startsWith("systemctl ")) {
                continue; // needs root and a running systemd; ReadmeTest checks they name the unit's user and unit
            }
            script.append(command.replace(" /opt/", " " + root + "/opt/").replace(" /etc/", " " + root + "/etc/"))
                    .append('\n');
        }
        Result install = run(script.toString());
        assertEquals(0, install.code, install::toString);
        Path home = root.resolve("opt/pyacq");
        for (String installed : List.of("bin/pyacqd", "bin/pyacq", "lib/pyacq.jar", "conf/pyacqd.conf")) {
            assertTrue(Files.isRegularFile(home.resolve(installed)), installed + " installed");
        }
        Result version = run(home.resolve("bin/pyacq") + " --version");
        assertEquals(0, version.code, () -> "the installed launcher runs lib/pyacq.jar" + version);
        assertTrue(version.out.startsWith("pyacq "), version::toString);

        Path unit = root.resolve("etc/systemd/system/pyacqd.service");
        assertTrue(Files.isRegularFile(unit));
        // verify the unit as installed, its ExecStart pointing into the staging root
        Path staged = dir("units").resolve("pyacqd.service");
        Files.writeString(staged, Files.readString(unit).replace("ExecStart=/opt/pyacq/", "ExecStart=" + home + "/"));
        Result verify = runCommand(List.of("systemd-analyze", "verify", staged.toString()));
        assertEquals(0, verify.code, () -> "systemd-analyze verify found problems in the unit" + verify);
        assertFalse(verify.err.contains("pyacqd.service:"), () -> "warnings about the unit" + verify);
    }

    @Test
    void launchersAreCleanPosixShell() {
        Requirements.assumeTool("shellcheck", "shellcheck");
        Result check = runCommand(List.of("shellcheck", "--shell=sh", "bin/pyacq", "bin/pyacqd", "bin/pyacq-launch.sh"));
        assertEquals(0, check.code, check::toString);
    }

    // ---- running commands ----------------------------------------------------------------

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "\nexit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Result run(String script) {
        return runCommand(List.of("sh", "-e", "-c", script));
    }

    private Result runCommand(List<String> command) {
        try {
            Path out = Files.createTempFile(temp, "out", ".txt");
            Path err = Files.createTempFile(temp, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            Process p;
            try {
                p = builder.start();
            } catch (IOException e) {
                fail(command.get(0) + " cannot run (is it installed? .ci/run installs it): " + e.getMessage());
                return null;
            }
            p.getOutputStream().close();
            if (!p.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail(command + " did not finish within " + BLOCK_TIMEOUT_SECONDS + " s" + new Result(-1,
                        Files.readString(out), Files.readString(err)));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Process start(List<String> command) throws IOException {
        File log = temp.resolve("daemon.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs {@code command} until it exits 0 (the daemon has started), for at most 60 s or until the daemon dies. */
    private Result awaitCommand(String command, Process daemon) {
        List<Result> tries = new ArrayList<>();
        try {
            return Await.value("'" + command + "' succeeds", () -> {
                if (!daemon.isAlive()) {
                    throw new AssertionError("the daemon exited with " + daemon.exitValue() + " before '" + command
                            + "' succeeded" + log());
                }
                Result r = run(command);
                tries.add(r);
                return r.code == 0 ? Optional.of(r) : Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + (tries.isEmpty() ? "" : "; last try:" + tries.get(tries.size() - 1))
                    + log(), e);
        }
    }

    private String log() {
        try {
            return "\n--- daemon output\n" + Files.readString(temp.resolve("daemon.log"));
        } catch (IOException e) {
            return "\n(no daemon output: " + e + ")";
        }
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name));
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "the Dockerfile has a line like " + regex);
        return m.group(1);
    }
}

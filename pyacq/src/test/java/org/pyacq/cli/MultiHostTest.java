package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.RuntimeFile;
import org.pyacq.testing.Await;
import org.pyacq.testing.Requirements;

/**
 * Three hosts made of Linux network namespaces joined by veth pairs (10.77.0.1 to .3, one /32 route
 * per peer), each with its own key directory, runtime directory, same-host socket directory and
 * contexts file, as separate machines would have. Host A has no daemon of its own in the way: its
 * command line reaches B's and C's daemons through contexts. Needs root (which {@code .ci/run} is);
 * skipped with a reason elsewhere, never under {@code CI=true}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MultiHostTest {
    private static final String[] HOSTS = {"a", "b", "c"};
    private static final int CONTROL_PORT = 7600;

    @TempDir
    Path dir;

    private String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Process> daemons = new LinkedHashMap<>();

    @BeforeEach
    void network() throws Exception {
        Requirements.assumeRoot("a test with three hosts made of network namespaces");
        Requirements.assumeTool("ip", "iproute2");
        prefix = "pq" + ProcessHandle.current().pid() % 100_000;
        for (int i = 0; i < HOSTS.length; i++) {
            String ns = ns(HOSTS[i]);
            ip("netns", "add", ns);
            namespaces.add(ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        for (int i = 0; i < HOSTS.length; i++) {
            for (int j = i + 1; j < HOSTS.length; j++) {
                String x = HOSTS[i];
                String y = HOSTS[j];
                String xy = prefix + x + y;
                String yx = prefix + y + x;
                ip("link", "add", xy, "type", "veth", "peer", "name", yx);
                ip("link", "set", xy, "netns", ns(x));
                ip("link", "set", yx, "netns", ns(y));
                for (String[] end : new String[][] {{x, xy, y}, {y, yx, x}}) {
                    ip("-n", ns(end[0]), "addr", "add", address(end[0]) + "/32", "dev", end[1]);
                    ip("-n", ns(end[0]), "link", "set", end[1], "up");
                    ip("-n", ns(end[0]), "route", "add", address(end[2]) + "/32", "dev", end[1]);
                }
            }
        }
        for (String h : HOSTS) {
            Files.createDirectories(dir.resolve(h));
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process d : daemons.values()) {
            d.descendants().forEach(ProcessHandle::destroyForcibly);
            d.destroyForcibly();
            d.waitFor(30, TimeUnit.SECONDS);
        }
        for (String ns : namespaces) {
            run(List.of("ip", "netns", "del", ns), Map.of(), Duration.ofSeconds(30));   // its veth ends go with it
        }
    }

    @Test
    void aCommandLineOnOneHostWorksWithTheDaemonsOfTwoOthers() throws Exception {
        // each host's key; B and C accept A's key, and each other's with their host named (proxies across them)
        Path keyA = publicKeyFile("a");
        Path keyB = publicKeyFile("b");
        Path keyC = publicKeyFile("c");
        for (String[] grant : new String[][] {{"b", "hosta", "a"}, {"c", "hosta", "a"}, {"b", "hostc", "c"},
                {"c", "hostb", "b"}}) {
            Path key = grant[2].equals("a") ? keyA : grant[2].equals("b") ? keyB : keyC;
            Result r = cli(grant[0], "key", "authorize", grant[1], key.toString());
            assertEquals(0, r.code, r::toString);
        }
        Result listed = cli("b", "key", "ls");
        assertTrue(listed.out.contains("hostc") && listed.out.contains(address("c")), listed::toString);

        startDaemon("b");
        startDaemon("c");
        // a daemon bound to every interface advertises an address the other hosts can dial
        assertEquals("tcp://" + address("b") + ":" + CONTROL_PORT, runtime("b").address());

        assertEquals(0, cli("a", "context", "add", "b", endpoint("b"), "--server-key", keyB.toString()).code);
        assertEquals(0, cli("a", "context", "add", "c", endpoint("c"), "--server-key", keyC.toString()).code);
        assertEquals(0, cli("a", "context", "use", "b").code);

        // spawn, list and call on B (the context in use) and on C (by --context and by PYACQ_CONTEXT)
        Result spawned = cli("a", "spawn", "wb", "--bind", "tcp://0.0.0.0:*");
        assertEquals(0, spawned.code, spawned::toString);
        assertTrue(spawned.out.contains("at tcp://" + address("b") + ":"), spawned::toString);
        Result spawnedC = cli("a", "--context", "c", "spawn", "wc", "--bind", "tcp://0.0.0.0:*");
        assertEquals(0, spawnedC.code, spawnedC::toString);
        Result ps = cli("a", "ps");
        assertEquals(0, ps.code, ps::toString);
        assertTrue(ps.out.contains("wb") && ps.out.contains("tcp://" + address("b") + ":") && !ps.out.contains("0.0.0.0"),
                ps::toString);
        Result psC = cliWithEnv("a", Map.of("PYACQ_CONTEXT", "c"), "ps");
        assertTrue(psC.out.contains("wc") && !psC.out.contains("wb"), psC::toString);
        Result call = cli("a", "call", "wb", "java.lang.Math.max", "3", "7");
        assertEquals("7", call.out.strip(), call::toString);
        Result repl = run(cliCommand("a", "--context", "c", "repl"), env("a"), Duration.ofSeconds(90),
                "w = process(\"wc\")\nw.java.lang.Math.max(2, 9)\n");
        assertEquals(0, repl.code, repl::toString);
        assertEquals("9", repl.out.strip(), repl::toString);

        // a proxy from B's process used by C's process, and C calling back into B: depth 8 across hosts
        Result driver = java("a", MultiHostDriver.class.getName(), endpoint("b"), readKey(keyB), endpoint("c"),
                readKey(keyC));
        assertEquals(0, driver.code, driver::toString);
        assertTrue(driver.out.contains("RESULT reentrant! 8 7"), driver::toString);

        // logs -f on A follows C's daemon live: a process started there afterwards shows up
        Path followed = dir.resolve("follow.txt");
        Process follower = start("a", List.of("--context", "c", "logs", "-f"), Map.of(), followed,
                dir.resolve("follow-err.txt"));
        try {
            Await.until("logs -f to say it follows", () -> text(dir.resolve("follow-err.txt")).contains("following"));
            assertEquals(0, cli("a", "--context", "c", "spawn", "wc2").code);
            Await.until("C's new process in A's log feed", () -> text(followed).contains("process wc2 serving at"));
        } finally {
            follower.destroy();
            follower.waitFor(30, TimeUnit.SECONDS);
        }

        // a key B does not accept is refused, and says so
        Result stranger = cli("a", "--key-dir", dir.resolve("stranger-keys").toString(), "--context", "b", "ps");
        assertEquals(CliExitCodes.UNREACHABLE, stranger.code, stranger::toString);
        assertTrue(stranger.err.contains("refused this client's key"), stranger::toString);
        // the daemon writes its log a little later (records are put in time order first)
        Await.until("B to log the refused key",
                () -> text(dir.resolve("b/daemon.log")).contains("is not one this server accepts"));

        // B's daemon killed: A's commands and its log follower say so, within their timeouts
        Process followerB = start("a", List.of("logs", "-f"), Map.of(), dir.resolve("followB.txt"),
                dir.resolve("followB-err.txt"));
        Await.until("logs -f of B to say it follows", () -> text(dir.resolve("followB-err.txt")).contains("following"));
        Process b = daemons.get("b");
        b.destroyForcibly();
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
        assertTrue(followerB.waitFor(60, TimeUnit.SECONDS), "logs -f did not notice that B's daemon died");
        assertEquals(CliExitCodes.UNREACHABLE, followerB.exitValue());
        assertTrue(text(dir.resolve("followB-err.txt")).contains("no longer answers"),
                () -> text(dir.resolve("followB-err.txt")));
        Result gone = cli("a", "--timeout", "5", "ps");
        assertEquals(CliExitCodes.UNREACHABLE, gone.code, gone::toString);
        assertTrue(gone.err.contains("the daemon at " + endpoint("b") + " does not answer"), gone::toString);
        // C is untouched
        Result stillC = cli("a", "--context", "c", "call", "wc", "java.lang.Math.max", "1", "2");
        assertEquals("2", stillC.out.strip(), stillC::toString);
    }

    private String ns(String host) {
        return prefix + host;
    }

    private static String address(String host) {
        return "10.77.0." + (host.charAt(0) - 'a' + 1);
    }

    private static String endpoint(String host) {
        return "tcp://" + address(host) + ":" + CONTROL_PORT;
    }

    /** The environment of one host: its own keys, runtime directory, socket directory and contexts. */
    private Map<String, String> env(String host) {
        Path h = dir.resolve(host);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYACQ_KEY_DIR", h.resolve("keys").toString());
        env.put("PYACQ_RUNTIME_DIR", h.resolve("run").toString());
        env.put("PYACQ_LOCAL_DIR", h.resolve("local").toString());
        env.put("PYACQ_CONTEXTS_FILE", h.resolve("contexts.json").toString());
        env.put("PYACQ_NO_AUTOSTART", "1");
        return env;
    }

    private Path publicKeyFile(String host) throws Exception {
        Result r = cli(host, "key", "show", "--host", address(host));
        assertEquals(0, r.code, r::toString);
        Path file = dir.resolve(host + ".pub");
        Files.writeString(file, r.out);
        return file;
    }

    private static String readKey(Path file) throws IOException {
        return org.pyacq.transport.AuthorizedKeys.parse("k", Files.readString(file)).publicKey();
    }

    private void startDaemon(String host) throws Exception {
        List<String> cmd = netnsJava(host, PyacqdCommand.class.getName());
        cmd.addAll(List.of("--address", "tcp://0.0.0.0:" + CONTROL_PORT, "--set", "warm_spares=false"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(host + "/daemon.log").toFile());
        pb.environment().putAll(env(host));
        Process p = pb.start();
        p.getOutputStream().close();
        daemons.put(host, p);
        Await.until("the daemon of host " + host + " to start", () -> {
            if (!p.isAlive()) {
                fail("the daemon of host " + host + " exited: " + text(dir.resolve(host + "/daemon.log")));
            }
            return runtimeIfAny(host).isPresent();
        });
    }

    private RuntimeFile runtime(String host) {
        return runtimeIfAny(host).orElseThrow();
    }

    private Optional<RuntimeFile> runtimeIfAny(String host) {
        try {
            return RuntimeFile.read(dir.resolve(host + "/run"));
        } catch (IOException e) {
            return Optional.empty();   // being written
        }
    }

    private Result cli(String host, String... args) throws Exception {
        return cliWithEnv(host, Map.of(), args);
    }

    private Result cliWithEnv(String host, Map<String, String> extraEnv, String... args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(env(host));
        env.putAll(extraEnv);
        return run(cliCommand(host, args), env, Duration.ofSeconds(90));
    }

    private List<String> cliCommand(String host, String... args) {
        List<String> cmd = netnsJava(host, PyacqCommand.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Result java(String host, String mainClass, String... args) throws Exception {
        List<String> cmd = netnsJava(host, mainClass);
        cmd.addAll(List.of(args));
        return run(cmd, env(host), Duration.ofSeconds(120));
    }

    private Process start(String host, List<String> args, Map<String, String> extraEnv, Path out, Path err)
            throws IOException {
        List<String> cmd = netnsJava(host, PyacqCommand.class.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env(host));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private List<String> netnsJava(String host, String mainClass) {
        return new ArrayList<>(List.of("ip", "netns", "exec", ns(host),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), mainClass));
    }

    private void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Result r = run(cmd, Map.of(), Duration.ofSeconds(30));
        assertEquals(0, r.code, () -> "network set-up failed: " + r);
    }

    private record Result(List<String> command, int code, String out, String err) {
        @Override
        public String toString() {
            return String.join(" ", command.subList(Math.min(command.size(), 7), command.size())) + " -> exit " + code
                    + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private Result run(List<String> cmd, Map<String, String> env, Duration timeout) throws Exception {
        return run(cmd, env, timeout, "");
    }

    private Result run(List<String> cmd, Map<String, String> env, Duration timeout, String input) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try (java.io.OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String threads = threadDump(p.pid());
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("did not end within " + timeout.toSeconds() + " s: " + cmd.subList(Math.min(cmd.size(), 7), cmd.size())
                    + "\nstdout: " + text(out) + "\nstderr: " + text(err) + "\nits threads:\n" + threads);
        }
        return new Result(cmd, p.exitValue(), text(out), text(err));
    }

    /** The threads of a JVM that did not end, for the failure message. */
    private String threadDump(long pid) {
        try {
            Path out = Files.createTempFile(dir, "threads", ".txt");
            Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(pid)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            j.waitFor(30, TimeUnit.SECONDS);
            j.destroyForcibly();
            return text(out);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

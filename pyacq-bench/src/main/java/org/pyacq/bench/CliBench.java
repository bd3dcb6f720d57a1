package org.pyacq.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line's speed as a user meets it: whole {@code bin/pyacq} processes, timed side by
 * side with a bare JVM ({@link Hello}) in the same run, rounds interleaved so that both see the
 * same machine. Runs a daemon of its own in a temporary runtime directory.
 */
@Command(name = "cli", mixinStandardHelpOptions = true,
        header = "Time bin/pyacq commands as whole processes against a bare JVM in the same run.",
        description = {
            "Starts a daemon of its own (temporary runtime directory) with one process, w1, then times, as "
                    + "medians over --runs rounds, each round running a bare JVM first and then every command "
                    + "once: --version, --help, ping, ps, call w1 java.lang.Math.max 3 7, spawn of a process from "
                    + "a warm spare (after 3 s of idle time, untimed, for the spare to warm up) and stop of that "
                    + "idle process. Prints each median, its ratio to the bare JVM and the issue's target. "
                    + "JAVA_HOME (or --java) picks the Java of the commands and of the bare JVM.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq bench cli",
            "  pyacq bench cli --java /usr/lib/jvm/temurin-25-jdk-amd64 --runs 9"})
public final class CliBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "7", paramLabel = "N", description = "Rounds (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--java", paramLabel = "JAVA_HOME", description = "The Java installation the commands and the "
            + "bare JVM run on (default: JAVA_HOME, else this JVM's).")
    Path javaHome;

    @Spec
    CommandSpec spec;

    /** Targets against the bare JVM of the same run (issue 11). */
    private static final Map<String, Double> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("--version", 1.5);
        TARGETS.put("--help", 1.5);
        TARGETS.put("ping", 2.0);
        TARGETS.put("ps", 2.0);
        TARGETS.put("call w1 java.lang.Math.max 3 7", 2.0);
        TARGETS.put("spawn wN (warm spare)", 3.0);
        TARGETS.put("stop wN (idle)", 3.0);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Path.of(System.getenv().getOrDefault("PYACQ_HOME", ".")).toAbsolutePath().normalize();
        Path launcher = home.resolve("bin/pyacq");
        if (!Files.isExecutable(launcher)) {
            throw new BenchException("no launcher at " + launcher + "; run 'bin/pyacq bench cli' from a checkout");
        }
        Path jdk = javaHome != null ? javaHome
                : Path.of(System.getenv().getOrDefault("JAVA_HOME", System.getProperty("java.home")));
        Path java = jdk.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new BenchException("no java at " + java + "; --java takes a Java installation directory");
        }
        Path runtime = Files.createTempDirectory("pyacq-bench-cli");
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "PYACQ_RUNTIME_DIR", runtime.toString());
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<Double> bare = new ArrayList<>();
        try {
            run(env, launcher.toString(), "ping");          // starts the daemon
            run(env, launcher.toString(), "spawn", "w1");
            for (String c : new String[] {"--version", "ping", "ps"}) {
                run(env, launcher.toString(), c);           // builds the launcher's archive if missing
            }
            awaitArchive(env, launcher.toString());
            for (int round = 0; round < runs; round++) {
                // every command is timed on an idle machine: the warm spare that the last spawn started
                // warms up (about a core for a second) before the next command, not during it
                TimeUnit.SECONDS.sleep(3);
                bare.add(time(env, java.toString(), "-cp", System.getProperty("java.class.path"),
                        Hello.class.getName()));
                add(times, "--version", time(env, launcher.toString(), "--version"));
                add(times, "--help", time(env, launcher.toString(), "--help"));
                add(times, "ping", time(env, launcher.toString(), "ping"));
                add(times, "ps", time(env, launcher.toString(), "ps"));
                add(times, "call w1 java.lang.Math.max 3 7", time(env, launcher.toString(), "call", "w1",
                        "java.lang.Math.max", "3", "7"));
                TimeUnit.SECONDS.sleep(3);   // idle time: the daemon's warm spare gets ready (not timed)
                String name = "b" + round;
                add(times, "spawn wN (warm spare)", time(env, launcher.toString(), "spawn", name));
                TimeUnit.SECONDS.sleep(3);   // the spawn started the next warm spare (not timed)
                add(times, "stop wN (idle)", time(env, launcher.toString(), "stop", name));
            }
        } finally {
            run(env, launcher.toString(), "shutdown");
            deleteQuietly(runtime);
        }
        double b = median(bare);
        out.printf(Locale.ROOT, "bin/pyacq as whole processes, medians of %d rounds, Java %s, %d CPUs%n", runs,
                jdk.getFileName(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "  %-34s %8.3f s%n", "bare JVM (java -cp ... Hello)", b / 1000);
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double m = median(e.getValue());
            double target = TARGETS.get(e.getKey());
            out.printf(Locale.ROOT, "  %-34s %8.3f s %6.2fx bare   target %.1fx: %s%n", e.getKey(), m / 1000, m / b,
                    target, m / b <= target ? "met" : "not met");
        }
        out.flush();
        return 0;
    }

    /** Waits (at most 120 s) until the launcher's background archive training has ended. */
    private static void awaitArchive(Map<String, String> env, String launcher) throws Exception {
        Path cds = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME",
                System.getProperty("user.home") + "/.cache"), "pyacq", "cds");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            boolean training;
            try (var files = Files.list(cds)) {
                training = files.anyMatch(f -> f.getFileName().toString().endsWith(".training"));
            } catch (IOException e) {
                training = false;
            }
            if (!training) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);   // polling another process's files: nothing to await
        }
    }

    private static void add(Map<String, List<Double>> times, String key, double ms) {
        times.computeIfAbsent(key, k -> new ArrayList<>()).add(ms);
    }

    private static double time(Map<String, String> env, String... cmd) throws Exception {
        long t0 = System.nanoTime();
        run(env, cmd);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new BenchException("'" + String.join(" ", cmd) + "' did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new BenchException("'" + String.join(" ", cmd) + "' exited with " + p.exitValue());
        }
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it
        }
    }
}

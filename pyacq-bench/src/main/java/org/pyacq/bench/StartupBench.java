package org.pyacq.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnOptions;
import org.pyacq.spawn.SpawnedProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Start-up costs, measured in one run against a bare JVM ({@link Hello}) on the same machine:
 * the time from {@code ProcessSpawner.spawn} to the first answered ping (with and without the
 * class-data sharing archive), and optionally the wall time of a command line such as
 * {@code bin/pyacq call w1 java.lang.System.getProperty java.version}.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        header = "Measure spawn-to-first-ping (and a command's wall time) against a bare JVM start.",
        description = {
            "Times, as medians over --runs runs: a bare JVM that prints and exits; spawning a child process "
                    + "until it answers its first ping, without and with its class-data sharing archive "
                    + "(trained first), and taking a warm spare (each one given time to warm up first); and, "
                    + "with --command, a command line of your own. Needs no daemon.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq bench startup",
            "  pyacq bench startup --runs 20 --command bin/pyacq ping --no-autostart"})
public final class StartupBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "10", paramLabel = "N", description = "Runs of each measurement (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--command", arity = "1..*", paramLabel = "ARG",
            description = "Also time this command line (e.g. bin/pyacq ping), run --runs times.")
    List<String> command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        double bare = median(time(() -> run(List.of(java, "-cp", cp, Hello.class.getName())), runs));
        // warnings only: each child's start-up line at info level is not part of the report
        SpawnOptions plain = SpawnOptions.builder("startup-bench").classDataSharing(false).logLevel(30).build();
        SpawnOptions shared = SpawnOptions.builder("startup-bench").logLevel(30).build();
        trainArchive(shared);
        double spawnPlain = median(time(() -> spawnAndPing(plain), runs));
        double spawnShared = median(time(() -> spawnAndPing(shared), runs));
        double spawnWarm = median(timeWarm(shared.toBuilder().warmSpare(true).build(), runs));
        out.printf(Locale.ROOT, "start-up, median of %d runs each (ms), this machine: %d CPUs, Java %s%n", runs,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf(Locale.ROOT, "  bare JVM (java -cp ... Hello)                 %7.1f%n", bare);
        out.printf(Locale.ROOT, "  spawn to first ping, no CDS archive           %7.1f   (%.2fx bare)%n", spawnPlain, spawnPlain / bare);
        out.printf(Locale.ROOT, "  spawn to first ping, with CDS archive         %7.1f   (%.2fx bare)%n", spawnShared, spawnShared / bare);
        out.printf(Locale.ROOT, "  spawn to first ping, warm spare (with CDS)    %7.1f   (%.2fx bare)%n", spawnWarm, spawnWarm / bare);
        if (command != null && !command.isEmpty()) {
            run(command);
            double cmd = median(time(() -> run(command), runs));
            out.printf(Locale.ROOT, "  %-45s %7.1f   (%.2fx bare)%n", String.join(" ", command), cmd, cmd / bare);
        }
        out.flush();
        return 0;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double[] time(Step step, int n) throws Exception {
        step.run();
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /**
     * Spawns that take a warm spare: one spawn first (it starts the spare), then each timed spawn
     * after its spare has finished warming up (the wait is not timed: it is the idle time between
     * two starts that the spare fills).
     */
    private static double[] timeWarm(SpawnOptions options, int n) throws Exception {
        try {
            spawnAndPing(options);
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                if (!ProcessSpawner.awaitReady(options, Duration.ofSeconds(60))) {
                    throw new BenchException("no warm spare was ready within 60 s");
                }
                long t0 = System.nanoTime();
                spawnAndPing(options);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return ms;
        } finally {
            ProcessSpawner.discardSpares();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void spawnAndPing(SpawnOptions options) {
        SpawnedProcess p = ProcessSpawner.spawn(options);
        p.kill();
    }

    /** Waits (bounded) until the spawner's class-data sharing archive exists, by spawning once. */
    private static void trainArchive(SpawnOptions options) {
        spawnAndPing(options);
        ProcessSpawner.awaitReady(options, Duration.ofSeconds(120));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("'" + String.join(" ", cmd) + "' did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", cmd) + "' exited with " + p.exitValue());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartupBench()).execute(args));
    }
}

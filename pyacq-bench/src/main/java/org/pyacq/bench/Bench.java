package org.pyacq.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.pyacq.log.ConsoleColor;
import org.pyacq.log.LogSetup;
import org.pyacq.log.PythonLevels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures our RPC against raw JeroMQ and Java RMI: sync ping, sync {@code add(int,int)},
 * pipelined calls and a large {@code double[]} echo, each over the three transports, with the
 * servers in a child JVM ({@link BenchServer}) and the clients in this one.
 *
 * <pre>{@code
 * java -Xmx2g -cp CLASSPATH org.pyacq.bench.Bench            # full run, table on stdout
 * java -cp CLASSPATH org.pyacq.bench.Bench --quick --json    # smoke run, JSON on stdout
 *
 * BenchReport r = Bench.run(BenchOptions.builder().quick().build(), System.err);
 * System.out.print(r.toTable());
 * }</pre>
 *
 * <p>The server JVM gets this JVM's java executable, class path ({@code java.class.path}, so run
 * this from a real JVM, not inside Maven) and heap flags ({@code --heap} overrides the latter).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {StartupBench.class, CliBench.class, SoakBench.class},
        header = "Benchmark our RPC against raw JeroMQ and Java RMI (server in a child JVM); "
                + "'bench startup' measures start-up times, 'bench cli' the command line's.",
        description = {
            "Runs a server in a child JVM and measures, from this JVM, each transport on each line: ping "
                    + "(round-trip latency), call (a method call with arguments), pipeline (calls in flight, "
                    + "throughput) and echo (a large payload there and back). Prints a table of medians and "
                    + "percentiles, or JSON with --json. Needs no daemon.",
            "",
            "Give this JVM and the server the same heap (--heap and JAVA_OPTS) for a fair comparison; a "
                    + "full run takes a few minutes, --quick a few seconds.",
            ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq bench --quick",
            "  JAVA_OPTS=-Xmx2g pyacq bench --heap 2g --json > bench.json",
            "  pyacq bench --lines ping,call --transports ours,raw --samples 20000",
            "  pyacq bench startup --runs 20 --command bin/pyacq ping"})
public final class Bench implements Callable<Integer> {
    @Option(names = "--quick", description = "Tiny counts (seconds in all): checks that everything runs; the"
            + " figures mean little.")
    boolean quick;

    @Option(names = "--lines", split = ",", paramLabel = "LINE",
            description = "Lines to run: ping, call, pipeline, echo, image (default: all).")
    List<String> lines;

    @Option(names = "--transports", split = ",", paramLabel = "T",
            description = "Transports to compare: ours (default mode: secure, same-host path), ours-zmq (ZeroMQ,"
                    + " plain), ours-curve (ZeroMQ with CURVE), raw, rmi (default: all).")
    List<String> transports;

    @Option(names = "--json", description = "Print the report as JSON instead of a table.")
    boolean json;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "-Xmx of the server JVM, e.g. 2g (default: this JVM's heap flags). Give this JVM the same.")
    String heap;

    @Option(names = "--samples", paramLabel = "N", description = "Timed round trips per latency line.")
    Integer samples;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up round trips per latency line.")
    Integer warmup;

    @Option(names = "--window", paramLabel = "N", description = "Calls in flight in the pipelined line (default 500).")
    Integer window;

    @Option(names = "--pipeline-ms", paramLabel = "MS", description = "Length of one pipelined round.")
    Long pipelineMillis;

    @Option(names = "--rounds", paramLabel = "N", description = "Timed rounds of the pipelined and echo lines.")
    Integer rounds;

    @Option(names = "--echo-mib", paramLabel = "MIB", description = "Echo payload in MiB (default 80).")
    Integer echoMib;

    @Option(names = "--rmi-threads", paramLabel = "N", description = "Calling threads for RMI's pipelined line"
            + " (default 16).")
    Integer rmiThreads;

    @Option(names = "--server-jvm-option", paramLabel = "OPT",
            description = "Extra option for the server JVM (repeatable), e.g. a JFR recording.")
    List<String> serverJvmOptions = new ArrayList<>();

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // stdout carries the report only; anything else that prints there (logging) goes to stderr
        PrintStream stdout = System.out;
        System.setOut(System.err);
        LogSetup.configureConsole(PythonLevels.WARNING, ConsoleColor.AUTO);
        CommandLine cl = commandLine();
        cl.setCommandName("pyacq bench");
        cl.setOut(new PrintWriter(stdout, true));
        System.exit(cl.execute(args));
    }

    /** The command with its error handling: one line on stderr and exit code 2 (usage) or 1 (run failed). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Bench());
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getMessage() + " (see bench --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("bench failed: " + (e instanceof BenchException ? e.getMessage() : e));
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() {
        BenchOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        BenchReport report = run(options, System.err);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() : report.toTable());
        out.flush();
        return 0;
    }

    BenchOptions options() {
        BenchOptions.Builder b = BenchOptions.builder();
        if (quick) {
            b.quick();
        }
        if (lines != null) {
            b.lines(lines.stream().map(Line::fromKey).toList());
        }
        if (transports != null) {
            b.transports(transports.stream().map(Transport::fromKey).toList());
        }
        if (samples != null) {
            b.latencySamples(samples);
        }
        if (warmup != null) {
            b.latencyWarmup(warmup);
        }
        if (window != null) {
            b.pipelineWindow(window);
        }
        if (pipelineMillis != null) {
            b.pipelineDuration(Duration.ofMillis(pipelineMillis));
        }
        if (rounds != null) {
            b.pipelineRounds(rounds).echoRounds(rounds);
        }
        if (echoMib != null) {
            b.echoBytes(Math.multiplyExact(echoMib, 1 << 20));
        }
        if (rmiThreads != null) {
            b.rmiThreads(rmiThreads);
        }
        return b.heap(heap).serverJvmArgs(serverJvmOptions).build();
    }

    /**
     * Runs the benchmark: starts the server JVM, measures every chosen line over every chosen
     * transport, and stops the server JVM (also on failure).
     *
     * @param progress where to report what runs now, each figure as it comes, and the server JVM's output
     * @throws BenchException if the server JVM fails or a call fails or returns a wrong result
     */
    public static BenchReport run(BenchOptions options, PrintStream progress) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        progress.println("bench: " + options);
        try (ServerProcess server = ServerProcess.start(options, progress)) {
            ServerAddresses a = server.addresses();
            progress.printf(Locale.ROOT, "server JVM pid %d %s: rpc %s, raw %s, rmi %s%n", server.pid(), server.jvmOptions(), a.rpc(),
                    a.raw(), a.rmi());
            long clientHeap = Runtime.getRuntime().maxMemory();
            if (Math.abs(a.maxHeapBytes() - clientHeap) > clientHeap / 10) {
                progress.printf(Locale.ROOT, "warning: the server JVM's max heap is %d MiB but this JVM's is %d MiB; give this JVM"
                        + " the same -Xmx for comparable figures%n", a.maxHeapBytes() >> 20, clientHeap >> 20);
            }
            List<TransportClient> clients = new ArrayList<>();
            try {
                for (Transport t : options.transports()) {
                    clients.add(open(t, a, options));
                }
                Map<Transport, String> notes = new EnumMap<>(Transport.class);
                clients.forEach(c -> notes.put(c.transport(), c.pipelineNote()));
                LineRunner runner = new LineRunner(options, progress);
                List<Measurement> results = new ArrayList<>();
                for (Line line : options.lines()) {
                    progress.println(line.title(options) + ":");
                    for (TransportClient c : clients) {
                        results.add(runner.run(line, c));
                    }
                }
                return new BenchReport(options, Runtime.version().toString(), Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory(), a.maxHeapBytes(), notes, results);
            } finally {
                for (int i = clients.size() - 1; i >= 0; i--) {
                    clients.get(i).close();
                }
            }
        }
    }

    private static TransportClient open(Transport t, ServerAddresses a, BenchOptions options) {
        switch (t) {
            case OURS:
            case OURS_ZMQ:
            case OURS_CURVE:
                return new OursClient(t, a, options);
            case RAW:
                return new RawClient(a.raw(), options);
            default:
                return new RmiClient(a.rmi(), options);
        }
    }
}

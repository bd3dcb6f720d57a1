package org.pyacq.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.log.CommandLogProvider;
import org.pyacq.log.ConsoleColor;
import org.pyacq.log.LogSetup;
import org.pyacq.log.PythonLevels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;

/**
 * {@code pyacq}, the command line of pyacq-java: talks to the daemon of a runtime directory
 * (starting it when needed) and to the processes it supervises.
 *
 * <pre>{@code
 * java -cp pyacq-java.jar:... org.pyacq.cli.PyacqCommand spawn w1
 * int code = PyacqCommand.execute(new String[] {"ps", "--json"}, out, err);   // tests, embedding
 * }</pre>
 *
 * <p>{@link #main} owns its process: it sets up console logging and exits with the command's
 * code. {@link #execute(String[], PrintWriter, PrintWriter)} leaves the process's logging alone
 * and returns the code, for tests and embedding.
 */
@Command(name = "pyacq", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Drives pyacqd, the pyacq daemon, and the JVM processes it supervises: start and stop processes, "
                    + "call into them, follow their logs.",
            "",
            "Commands that need the daemon start one in the background when none runs for the runtime "
                    + "directory (see --no-autostart). Results go to stdout, plain or as JSON (--json) where "
                    + "they are data; diagnostics go to stderr.",
            ""},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq spawn w1 --jvm-option=-Xmx512m --restart on-failure",
            "  pyacq call w1 java.lang.System.getProperty java.version",
            "  pyacq ps --json",
            "  pyacq logs -f --process w1",
            "",
            "From a source checkout, 'pyacq bench' runs the benchmark (module pyacq-bench; 'pyacq bench --help').",
            "",
            "Run 'pyacq help COMMAND' or 'pyacq COMMAND --help' for a command's options and examples.",
            "",
            "Environment:",
            "  PYACQ_RUNTIME_DIR   default runtime directory (as --runtime-dir)",
            "  PYACQ_NO_AUTOSTART  1: do not start a daemon (as --no-autostart)",
            "  PYACQ_KEY_DIR       directory of this user's key file (as --key-dir)",
            "  PYACQ_LOG_CONFIG    logback file applied on top of pyacq's logging",
            "                      (default: conf/logback.xml of the installation; \"\": none)",
            "  JAVA_OPTS           JVM options for the pyacq and pyacqd launchers;",
            "                      -Dlogback.configurationFile=FILE replaces pyacq's logging",
            "",
            "Files:",
            "  conf/pyacqd.conf              the daemon's settings (pyacq daemon --help)",
            "  conf/logback.xml              logger levels and extra log appenders for the",
            "                                daemon, pyacq and the processes",
            "  RUNTIME_DIR/daemon.json       how clients find the daemon",
            "  RUNTIME_DIR/daemon.log        output of a daemon started in the background",
            "  /etc/bash_completion.d/pyacq  shell completion, from packages; without it:",
            "                                source <(pyacq completion)"})
public final class PyacqCommand {
    /**
     * The commands, in the order help lists them. picocli reads a command's annotations when it is
     * added, which for all of them costs more than a short command's own work; a command line that
     * names its command first gets only that one (see {@link #newCommandLine}).
     */
    static final Map<String, Class<?>> COMMANDS = commands(DaemonCommand.class, "daemon", SpawnCommand.class,
            "spawn", PsCommand.class, "ps", StopCommand.class, "stop", KillCommand.class, "kill",
            RestartCommand.class, "restart", CallCommand.class, "call", EvalCommand.class, "eval",
            ReplCommand.class, "repl", PingCommand.class, "ping", LogsCommand.class, "logs", ShutdownCommand.class,
            "shutdown", ContextCommand.class, "context", KeyCommand.class, "key", CompletionCommand.class, "completion",
            HelpCommand.class, "help");

    private static Map<String, Class<?>> commands(Object... classAndName) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < classAndName.length; i += 2) {
            m.put((String) classAndName[i + 1], (Class<?>) classAndName[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** picocli's property naming the built-in type converters it should not register (regular expressions). */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";
    /** The types whose converters {@link #main} has picocli leave out: no option of pyacq or its REPL has one. */
    public static final String EXCLUDED_CONVERTERS = "java\\.(sql|time)\\..*";

    @Mixin
    private GlobalOptions global;
    @Mixin
    private Verbosity verbosity;

    private final Cancellation cancellation;
    private final boolean ownsProcess;

    private PyacqCommand(Cancellation cancellation, boolean ownsProcess) {
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.ownsProcess = ownsProcess;
    }

    /** Runs {@code pyacq} as a program and exits with its code. */
    public static void main(String[] args) {
        if (isVersionOnly(args) && !Boolean.getBoolean(CliWarmup.PROPERTY)) {
            // the one command line that needs no model: picocli would read the root's annotations
            // first (a third of the run), and nothing is logged or called
            for (String line : VersionInfo.lines("pyacq")) {
                System.out.println(line);
            }
            System.exit(CliExitCodes.OK);
        }
        String help = Boolean.getBoolean(CliWarmup.PROPERTY) ? null : HelpTexts.forArgs(args);
        if (help != null) {
            // usage help as the build rendered it, where this run would render the same (see HelpTexts)
            System.out.print(help);
            System.out.flush();
            System.exit(CliExitCodes.OK);
        }
        if (!Boolean.getBoolean(CliWarmup.PROPERTY)) {
            StartupPrefetch.start(args);   // the JDK parts a short command needs, beside the command line's model
        }
        if (System.getProperty("picocli.disable.closures") == null) {
            // picocli's default factory looks for Groovy's Closure class, which opens the jar to fail
            System.setProperty("picocli.disable.closures", "true");
        }
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            // picocli registers, per command line object, converters for java.time and java.sql types by
            // reflection (each class initialised, its methods listed); no option of ours has such a type
            System.setProperty(CONVERTER_EXCLUDES, EXCLUDED_CONVERTERS);
        }
        int code = execute(args);
        // whatever this run still holds in any server (eval's and the REPL's objects) goes now, not at
        // the end of a lease; a run killed before this point leaves it to the lease
        org.pyacq.rpc.RpcClient.endLeases(java.time.Duration.ofSeconds(2));
        if (Boolean.getBoolean(CliWarmup.PROPERTY)) {
            CliWarmup.run();   // the launcher's archive training run: what the other commands load too
        }
        System.exit(code);
    }

    /**
     * Runs {@code pyacq} as the program of this process: logs warnings (with {@code -v},
     * debug) on stderr, prints on System.out and System.err, stops on Ctrl-C.
     */
    public static int execute(String[] args) {
        // logging's start (about 0.1 s, mostly logback's own) runs beside the command line's model (picocli,
        // as long again); nothing logs before the command runs, which waits for it
        boolean longRunning = isLongRunning(args);
        if (!longRunning) {
            CommandLogProvider.select();   // logback without its automatic configuration, which LogSetup replaces
        }
        Thread logging = new Thread(() -> {
            if (longRunning) {
                LogSetup.configureConsole(PythonLevels.WARNING, ConsoleColor.AUTO);
            } else {
                LogSetup.configureShortCommandConsole(PythonLevels.WARNING, ConsoleColor.AUTO);
            }
        }, "pyacq-logging-setup");
        logging.start();
        return run(new PyacqCommand(new Cancellation(), true), args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), logging);
    }

    /** True for {@code pyacq --version} (or {@code -V}) alone, which {@link #main} answers without picocli. */
    static boolean isVersionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** True for the commands that run for a while (their logging applies conf/logback.xml). */
    private static boolean isLongRunning(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("repl") || arg.equals("daemon") || arg.equals("logs");
            }
        }
        return false;
    }

    /** Runs one command line with output to {@code out} and {@code err}; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, new Cancellation());
    }

    /**
     * As {@link #execute(String[], PrintWriter, PrintWriter)}; commands that run until stopped
     * ({@code daemon}, {@code logs -f}) return once {@code cancellation} is cancelled.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Cancellation cancellation) {
        return run(new PyacqCommand(cancellation, false), args, out, err);
    }

    /** The {@code pyacq} command line, set up as it runs, without running anything (completion scripts). */
    static CommandLine commandLine() {
        return newCommandLine(new PyacqCommand(new Cancellation(), false), null);
    }

    /**
     * The command line for {@code args}: with only the command {@code args[0]} names when it names one
     * that is not {@code help} or {@code completion} (those need them all), none for {@code --version},
     * else with every command.
     * {@code args} null: every command.
     */
    static CommandLine newCommandLine(PyacqCommand root, String[] args) {
        // the model as the build wrote it (CommandModels): picocli reading annotations costs a third of a short run
        CommandModels.Built model = CommandModels.build(root);
        CommandLine cl = model == null ? new CommandLine(root) : new CommandLine(model.spec());
        String first = args == null || args.length == 0 ? null : args[0];
        Class<?> only = "help".equals(first) || "completion".equals(first) ? null : COMMANDS.get(first);
        if (only != null) {
            CommandModels.addSubcommand(cl, first, only);
        } else if (args != null && args.length == 1 && ("--version".equals(first) || "-V".equals(first))) {
            return CommandLineSetup.configure(cl);   // the version needs no command
        } else {
            COMMANDS.forEach((name, type) -> CommandModels.addSubcommand(cl, name, type));
        }
        return CommandLineSetup.configure(cl);
    }

    /** A root command as the build reads its model ({@link CommandModelFile}). */
    static PyacqCommand forModel() {
        return new PyacqCommand(new Cancellation(), false);
    }

    private static int run(PyacqCommand root, String[] args, PrintWriter out, PrintWriter err) {
        return run(root, args, out, err, null);
    }

    /** As above; first waits (at most 30 s) for {@code setup}, if not null, to end. */
    private static int run(PyacqCommand root, String[] args, PrintWriter out, PrintWriter err, Thread setup) {
        CommandLine cl = newCommandLine(root, args);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionStrategy(parsed -> root.global().security().runWith(cl,
                () -> new CommandLine.RunLast().execute(parsed)));
        if (setup != null) {
            try {
                setup.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Connects to the daemon as the global options say, starting it if allowed. */
    DaemonSession openSession() {
        Contexts.Context remote = global.remoteDaemon();
        if (remote != null) {
            return DaemonSession.connect(remote.address(), remote.serverKey(), global.timeout());
        }
        return DaemonSession.open(global.runtimeDir(), global.autostart(), global.timeout());
    }

    GlobalOptions global() {
        return global;
    }

    boolean verbose() {
        return verbosity.verbose();
    }

    Cancellation cancellation() {
        return cancellation;
    }

    /** True when this command line is the program of its process (may set up logging and signals). */
    boolean ownsProcess() {
        return ownsProcess;
    }
}

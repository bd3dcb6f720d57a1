package org.pyacq.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pyacqd}: the daemon as a program of its own, with the options of {@code pyacq daemon}.
 *
 * <pre>{@code
 * java -cp pyacq-java.jar:... org.pyacq.cli.PyacqdCommand --runtime-dir /run/pyacq-lab
 * }</pre>
 */
@Command(name = "pyacqd", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "The pyacq daemon: supervises JVM processes for pyacq clients.",
        description = {DaemonRunner.DESCRIPTION_1, "", DaemonRunner.DESCRIPTION_2, ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacqd",
            "  pyacqd --runtime-dir /run/pyacq-lab --log-level debug",
            "  pyacqd --config lab.conf \\",
            "      --set child.acq.jvm_options=-Xmx2g --set child.acq.restart=always",
            "",
            "Drive it with 'pyacq' (pyacq --help). Under systemd: ExecStart=pyacqd, KillSignal=SIGTERM."})
public final class PyacqdCommand implements Callable<Integer> {
    @Mixin
    private DaemonOptions options;
    @Mixin
    private Verbosity verbosity;
    @Mixin
    private SecurityOptions security;

    @Option(names = "--runtime-dir", paramLabel = "DIR",
            description = "Where the daemon writes daemon.json (how clients find it) and takes its lock. "
                    + "Default: the configuration file's runtime_dir, else $PYACQ_RUNTIME_DIR, else "
                    + "$XDG_RUNTIME_DIR/pyacq, else /tmp/pyacq-$USER.")
    private Path runtimeDir;

    private final Cancellation cancellation;
    private final boolean ownsProcess;

    private PyacqdCommand(Cancellation cancellation, boolean ownsProcess) {
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.ownsProcess = ownsProcess;
    }

    /** Runs pyacqd as a program and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs pyacqd as the program of this process (console logging, signal handling). */
    public static int execute(String[] args) {
        return run(new PyacqdCommand(new Cancellation(), true), args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
    }

    /** Runs pyacqd in this JVM until {@code cancellation} is cancelled; returns its exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Cancellation cancellation) {
        return run(new PyacqdCommand(cancellation, false), args, out, err);
    }

    private static int run(PyacqdCommand command, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = CommandLineSetup.configure(new CommandLine(command));
        cl.setExecutionStrategy(parsed -> command.security.runWith(cl, () -> new CommandLine.RunLast().execute(parsed)));
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        return DaemonRunner.run(options, security, runtimeDir, verbosity.verbose(), ownsProcess, cancellation);
    }
}

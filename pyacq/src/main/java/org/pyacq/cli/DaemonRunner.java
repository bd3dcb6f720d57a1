package org.pyacq.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.pyacq.daemon.Daemon;
import org.pyacq.daemon.DaemonConfig;
import org.pyacq.daemon.DaemonException;
import org.pyacq.log.ConsoleColor;
import org.pyacq.log.LogSetup;
import org.pyacq.log.PythonLevels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pyacqd in the foreground until it is asked to stop (SIGTERM, Ctrl-C, {@code pyacq
 * shutdown}, or the command's {@link Cancellation}), then stops its processes and exits 0.
 */
final class DaemonRunner {
    /** The description shared by {@code pyacq daemon} and {@code pyacqd}. */
    static final String DESCRIPTION_1 = "Runs pyacqd, the pyacq daemon, in the foreground: it supervises JVM "
            + "processes (start, stop, restart by policy), keeps their recent log records, and serves the "
            + "'daemon' control object that pyacq commands, Java code and Python pyacq clients call.";
    static final String DESCRIPTION_2 = "One daemon runs per runtime directory; it writes daemon.json there so "
            + "that clients find it. SIGTERM or Ctrl-C (or 'pyacq shutdown') stops its processes gracefully, "
            + "then the daemon exits 0. Settings come from the configuration file, then the options.";

    private static final Logger log = LoggerFactory.getLogger(DaemonRunner.class);

    private DaemonRunner() {
    }

    @SuppressWarnings("try")   // the signal handlers are in place for the block; nothing calls them
    static int run(DaemonOptions options, SecurityOptions security, Path runtimeDir, boolean verbose,
            boolean ownsProcess, Cancellation cancellation) {
        DaemonConfig config = options.toConfig(runtimeDir, security);
        if (ownsProcess) {
            LogSetup.configureConsole(verbose ? PythonLevels.DEBUG : config.logLevel(), ConsoleColor.AUTO,
                    LogSetup.ROLE_DAEMON);
        }
        Path file = options.configFile();
        log.debug("settings from {}", file != null ? file : "defaults and options");
        // in someone else's process (tests, embedding) the caller stops it through the cancellation
        try (ShutdownSignals signals = ownsProcess ? ShutdownSignals.install(cancellation, true) : null) {
            Daemon daemon;
            try {
                daemon = Daemon.start(config);
            } catch (DaemonException e) {
                throw new CommandException(CliExitCodes.FAILURE, e.getMessage(), e);
            }
            try (daemon) {
                cancellation.onCancel(daemon::requestShutdown);
                log.info("pyacqd stopping: {}", awaitShutdown(daemon));
            }
        }
        return CliExitCodes.OK;
    }

    private static String awaitShutdown(Daemon daemon) {
        while (true) {
            Optional<String> reason = daemon.awaitShutdown(Duration.ofDays(1));
            if (reason.isPresent()) {
                return reason.get();
            }
            if (Thread.currentThread().isInterrupted()) {
                return "interrupted";
            }
        }
    }
}

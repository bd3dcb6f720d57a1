package org.pyacq.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Options every {@code pyacq} command takes, before or after the subcommand's name: where the
 * daemon is, whether it may be started, and how long to wait.
 */
public final class GlobalOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @picocli.CommandLine.Mixin
    private SecurityOptions security;

    @Option(names = "--runtime-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The daemon's runtime directory (where daemon.json tells clients how to reach it). "
                    + "Default: $PYACQ_RUNTIME_DIR, else $XDG_RUNTIME_DIR/pyacq, else /tmp/pyacq-$USER.")
    private Path runtimeDir;

    @Option(names = "--no-autostart", scope = ScopeType.INHERIT,
            description = "Fail (exit 3) instead of starting a daemon in the background when none runs. "
                    + "Also set by the environment variable PYACQ_NO_AUTOSTART=1.")
    private boolean noAutostart;

    private Duration timeout = Duration.ofSeconds(30);

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", scope = ScopeType.INHERIT,
            description = "How long to wait for each call to the daemon or a process "
                    + "(default: ${DEFAULT-VALUE}); starting a process or the daemon may take longer.")
    void setTimeout(double seconds) {
        if (!(seconds > 0) || seconds > 1e9) {
            throw new ParameterException(mixee.commandLine(),
                    "Invalid value for option '--timeout': " + seconds + " is not a positive number of seconds");
        }
        timeout = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /** The runtime directory given, or null for the default. */
    public Path runtimeDir() {
        return runtimeDir;
    }

    /** Whether a command may start a daemon (the environment variable is checked where it starts). */
    public boolean autostart() {
        return !noAutostart;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The socket security options. */
    SecurityOptions security() {
        return security;
    }
}

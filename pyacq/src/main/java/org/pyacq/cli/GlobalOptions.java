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

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The daemon to work with, by the name 'pyacq context add' gave it ('local': this host's). "
                    + "Default: $PYACQ_CONTEXT, else the one 'pyacq context use' chose, else local.")
    private String context;

    @Option(names = "--daemon", paramLabel = "ENDPOINT", scope = ScopeType.INHERIT,
            description = "The control address of a daemon on another host (tcp://HOST:PORT), instead of a context; "
                    + "with --server-key.")
    private String daemonAddress;

    @Option(names = "--server-key", paramLabel = "KEY", scope = ScopeType.INHERIT,
            description = "With --daemon or 'context add': the daemon's public key (Z85, 40 characters, or a file "
                    + "holding it; 'pyacq key show' prints it on its host). Servers on that host are expected to present it.")
    private String serverKey;

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

    /**
     * The remote daemon this command targets (from --daemon, --context, $PYACQ_CONTEXT or the
     * context in use), or null for this host's daemon.
     *
     * @throws CommandException for an unknown context, a bad address or key, or --server-key alone
     */
    Contexts.Context remoteDaemon() {
        if (daemonAddress != null) {
            if (context != null) {
                throw new CommandException(CliExitCodes.USAGE, "--daemon and --context both name a daemon; use one");
            }
            try {
                return new Contexts.Context(daemonAddress, serverKey == null ? null : ContextCommand.readKey(serverKey), null);
            } catch (IllegalArgumentException e) {
                throw new CommandException(CliExitCodes.USAGE, "bad --daemon or --server-key: " + e.getMessage(), e);
            }
        }
        if (serverKey != null) {
            throw new CommandException(CliExitCodes.USAGE, "--server-key goes with --daemon ADDRESS (a context keeps "
                    + "its own key)");
        }
        String name = context;
        if (name == null) {
            String env = System.getenv(Contexts.CONTEXT_ENV);
            name = env != null && !env.isBlank() ? env.trim() : null;
        }
        if (Contexts.LOCAL.equals(name)) {
            return null;
        }
        java.nio.file.Path file = Contexts.defaultFile();
        if (name == null && !java.nio.file.Files.exists(file)) {
            return null;   // the common case: one stat, nothing read
        }
        Contexts contexts = Contexts.read(file);
        return contexts.get(name != null ? name : contexts.current());
    }

    /** The --server-key given, or null. */
    String serverKey() {
        return serverKey;
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

package org.pyacq.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntSupplier;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.TransportSecurity;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * How a command's sockets authenticate: CURVE with the user's key file (the default), another key
 * directory, or plain sockets for stock Python pyacq peers ({@code --insecure}, loopback only
 * unless {@code --allow-insecure-remote} too). See docs/SECURITY.md.
 */
public final class SecurityOptions {
    @Option(names = "--insecure", scope = ScopeType.INHERIT,
            description = "Plain sockets without authentication or encryption, to talk to stock Python pyacq "
                    + "peers. Only loopback addresses are allowed unless --allow-insecure-remote is given too.")
    boolean insecure;

    @Option(names = "--allow-insecure-remote", scope = ScopeType.INHERIT,
            description = "With --insecure: also allow addresses other machines can reach (anyone who can reach "
                    + "them can run code as this user).")
    boolean allowInsecureRemote;

    @Option(names = "--key-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "The directory of the key file (default: $PYACQ_KEY_DIR, else $XDG_CONFIG_HOME/pyacq/keys, "
                    + "else ~/.config/pyacq/keys); created owner-only if missing.")
    Path keyDir;

    /** Daemon settings these options stand for. */
    Map<String, String> daemonSettings() {
        if (!insecure) {
            return Map.of();
        }
        return allowInsecureRemote ? Map.of("insecure", "true", "allow_insecure_remote", "true")
                : Map.of("insecure", "true");
    }

    /**
     * Runs {@code command} with this process's socket security set from the options, and puts the
     * previous setting back afterwards (commands can run inside another program, e.g. tests).
     */
    int runWith(picocli.CommandLine commandLine, IntSupplier command) {
        if (allowInsecureRemote && !insecure) {
            throw new ParameterException(commandLine, "--allow-insecure-remote only makes sense with --insecure");
        }
        TransportSecurity saved = DefaultSecurity.peek();
        try {
            if (insecure) {
                DefaultSecurity.useInsecure(allowInsecureRemote);
            } else if (keyDir != null) {
                DefaultSecurity.useKeyDirectory(keyDir);
                System.setProperty("pyacq.keyDir", keyDir.toString());
            }
            return command.getAsInt();
        } finally {
            DefaultSecurity.restore(saved);
        }
    }
}

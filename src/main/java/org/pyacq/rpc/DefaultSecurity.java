package org.pyacq.rpc;

import java.util.Objects;
import org.pyacq.transport.TransportSecurity;

/**
 * The socket security that servers and clients of this process use unless told otherwise.
 * Per-process state: set once at start-up (e.g. by the daemon or a spawned child's bootstrap).
 */
public final class DefaultSecurity {
    private static volatile TransportSecurity security = TransportSecurity.PLAIN;

    private DefaultSecurity() {
    }

    public static TransportSecurity get() {
        return security;
    }

    public static void set(TransportSecurity value) {
        security = Objects.requireNonNull(value, "security");
    }
}

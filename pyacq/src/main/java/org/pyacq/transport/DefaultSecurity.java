package org.pyacq.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The socket security that servers, clients, log servers and senders of this process use unless
 * told otherwise. Per-process state (a process has one identity): by default CURVE with this user's
 * key pair ({@link UserKeys}, loaded or created on first use); the daemon, a spawned child's
 * bootstrap or the command line ({@code --insecure}) may set it once at start-up.
 *
 * <pre>{@code
 * DefaultSecurity.get();                         // CURVE with ~/.config/pyacq/keys/user.key
 * DefaultSecurity.set(TransportSecurity.PLAIN);  // talk to stock Python pyacq peers (loopback only)
 * }</pre>
 */
public final class DefaultSecurity {
    private static final Object LOCK = new Object();
    private static volatile TransportSecurity security;

    private DefaultSecurity() {
    }

    /**
     * The process's security; on first use, CURVE with this user's keys from
     * {@link UserKeys#defaultDirectory()} (created if there are none).
     *
     * @throws KeyFileException if the user's key cannot be read or created, or is open to others
     */
    public static TransportSecurity get() {
        TransportSecurity s = security;
        if (s != null) {
            return s;
        }
        synchronized (LOCK) {
            if (security == null) {
                security = userKeys(UserKeys.defaultDirectory());
            }
            return security;
        }
    }

    /** Replaces the process's security (for sockets made from now on). */
    public static void set(TransportSecurity value) {
        Objects.requireNonNull(value, "security");
        synchronized (LOCK) {
            security = value;
        }
    }

    /**
     * Plain sockets for this process, as {@code --insecure} asks: to talk to stock Python pyacq peers.
     * With {@code allowRemote} (a second, explicit choice) plain sockets may also bind addresses
     * other machines can reach.
     */
    public static void useInsecure(boolean allowRemote) {
        set(TransportSecurity.plain(allowRemote));
    }

    /**
     * CURVE with the key pair of {@code keyDirectory} (created there if missing).
     *
     * @throws KeyFileException if the key cannot be read or created, or is open to others
     */
    public static void useKeyDirectory(Path keyDirectory) {
        set(userKeys(keyDirectory));
    }

    /** The process's security if it was set or loaded already, else null (does not load keys). */
    public static TransportSecurity peek() {
        return security;
    }

    /** Restores a value {@link #peek()} returned (null: load the user's keys again on next use). */
    public static void restore(TransportSecurity value) {
        synchronized (LOCK) {
            security = value;
        }
    }

    /** True if the process's security is plain (no authentication). Does not load keys. */
    public static boolean isInsecure() {
        TransportSecurity s = security;
        return s != null && s.isPlain();
    }

    private static TransportSecurity userKeys(Path dir) {
        return CurveSecurity.builder(UserKeys.loadOrCreate(dir)).origin(UserKeys.keyFile(dir).toString())
                .authorizedKeys(AuthorizedKeys.in(AuthorizedKeys.directoryOf(dir))).build();
    }
}

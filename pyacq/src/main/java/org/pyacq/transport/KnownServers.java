package org.pyacq.transport;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server keys this process was told of for other hosts, for as long as it runs: a command
 * line that targets a remote daemon (a context, or {@code --daemon} with {@code --server-key})
 * registers the daemon's host, and then expects that key from every server there (the daemon's
 * children present the same key as their daemon). Consulted by {@link CurveSecurity#serverKeyFor}.
 *
 * <pre>{@code
 * KnownServers.register("lab2", "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7");
 * }</pre>
 */
public final class KnownServers {
    private static final Map<String, String> BY_HOST = new ConcurrentHashMap<>();

    private KnownServers() {
    }

    /**
     * Servers on {@code host} (a name or an address, as endpoints name it) present {@code serverKey}.
     *
     * @throws IllegalArgumentException if the key is not a Z85 public key
     */
    public static void register(String host, String serverKey) {
        BY_HOST.put(host.toLowerCase(Locale.ROOT), KeyPair.checkPublicKey(serverKey));
    }

    /** The key registered for {@code host}, or null. */
    public static String serverKeyFor(String host) {
        return host == null || BY_HOST.isEmpty() ? null : BY_HOST.get(host.toLowerCase(Locale.ROOT));
    }

    /** Forgets {@code host} (tests). */
    public static void forget(String host) {
        BY_HOST.remove(host.toLowerCase(Locale.ROOT));
    }
}

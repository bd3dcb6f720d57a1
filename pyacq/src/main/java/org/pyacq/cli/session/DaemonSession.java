package org.pyacq.cli.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pyacq.daemon.DaemonException;
import org.pyacq.daemon.DaemonLocator;
import org.pyacq.daemon.RuntimeFile;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcException;
import org.pyacq.transport.Endpoints;
import org.pyacq.transport.KnownServers;

/**
 * A command's connection to the daemon: found through the runtime directory (and started in the
 * background when allowed), with the daemon's control object and clients for its processes.
 *
 * <pre>{@code
 * try (DaemonSession s = DaemonSession.open(null, true, Duration.ofSeconds(30))) {
 *     s.spawn(Map.of("name", "w1"));
 *     RpcClient w1 = s.process("w1");
 * }
 * }</pre>
 */
public final class DaemonSession implements AutoCloseable {
    private final RuntimeFile runtime;
    private final RpcClient client;
    private final ObjectProxy control;
    private final Duration timeout;
    private final boolean remote;
    private long lastSeenAlive = System.nanoTime() - REMOTE_CHECK_NANOS;

    private DaemonSession(RuntimeFile runtime, RpcClient client, ObjectProxy control, Duration timeout, boolean remote) {
        this.runtime = runtime;
        this.client = client;
        this.control = control;
        this.timeout = timeout;
        this.remote = remote;
    }

    /**
     * Connects to the daemon whose control server is at {@code address}, on this host or another,
     * expecting {@code serverKey} from it and from every server on its host (null: this user's own
     * key, or plain sockets under {@code --insecure}). Never starts a daemon.
     *
     * @throws DaemonException if it does not answer within {@code timeout}
     */
    @SuppressWarnings("unchecked")
    public static DaemonSession connect(String address, String serverKey, Duration timeout) {
        Endpoints.validate(address);
        if (serverKey != null && Endpoints.host(address) != null) {
            KnownServers.register(Endpoints.host(address), serverKey);
        }
        RpcClient client = RpcClient.open(address, ClientOptions.builder().timeout(timeout).build());
        try {
            ObjectProxy control = (ObjectProxy) client.get("daemon");
            Map<String, Object> status = (Map<String, Object>) control.invoke("status");
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("security", String.valueOf(status.get("security")).startsWith("plain") ? "plain" : "curve");
            if (serverKey != null) {
                extra.put("server_key", serverKey);
            }
            RuntimeFile runtime = new RuntimeFile(((Number) status.get("pid")).longValue(), address,
                    (String) status.get("log_address"), (String) status.get("log_feed_address"), 0,
                    (String) status.get("version"), extra);
            return new DaemonSession(runtime, client, control, timeout, true);
        } catch (RpcException | ClassCastException | NullPointerException e) {
            client.close();
            throw new DaemonException("the daemon at " + address + " does not answer: " + e.getMessage()
                    + (e instanceof RpcException ? "; check the address, that its port is open, and its server key"
                            + " ('pyacq key show' on its host)" : ""), e);
        }
    }

    /**
     * Connects to the daemon of {@code runtimeDir} (null: the default directory), starting one
     * in the background if none runs and {@code autostart} is set.
     *
     * @throws DaemonException if no daemon can be reached
     */
    public static DaemonSession open(Path runtimeDir, boolean autostart, Duration timeout) {
        DaemonLocator locator = new DaemonLocator(runtimeDir, Duration.ofSeconds(30));
        // the common case in one connection: a daemon runs, and its control object is the first answer
        Optional<RuntimeFile> alive = locator.alive();
        if (alive.isPresent()) {
            RpcClient client = RpcClient.open(alive.get().address(), ClientOptions.builder().timeout(timeout).build());
            try {
                ObjectProxy control = (ObjectProxy) client.get("daemon", DaemonLocator.PROBE_TIMEOUT);
                return new DaemonSession(alive.get(), client, control, timeout, false);
            } catch (RpcException e) {
                client.close();   // the locator finds out why, and starts one if allowed
            }
        }
        RuntimeFile runtime = locator.findOrStart(autostart);
        RpcClient client = RpcClient.open(runtime.address(), ClientOptions.builder().timeout(timeout).build());
        try {
            ObjectProxy control = (ObjectProxy) client.get("daemon");
            return new DaemonSession(runtime, client, control, timeout, false);
        } catch (RpcException e) {
            client.close();
            throw new DaemonException("the daemon at " + runtime.address() + " does not answer: " + e.getMessage(), e);
        }
    }

    /** How to reach the daemon: its runtime file, or for a remote daemon what its status said (pid on its host). */
    public RuntimeFile runtime() {
        return runtime;
    }

    /** True for a daemon reached by address (another host, or a context), not through a runtime directory. */
    public boolean remote() {
        return remote;
    }

    /**
     * False once the daemon is known gone: for this host's, its process ended; for a remote one, it
     * did not answer a ping (asked at most every two seconds).
     */
    public boolean daemonAlive() {
        if (!remote) {
            return runtime.processAlive();
        }
        if (System.nanoTime() - lastSeenAlive < REMOTE_CHECK_NANOS) {
            return true;
        }
        try {
            client.ping(DaemonLocator.PROBE_TIMEOUT);
            lastSeenAlive = System.nanoTime();
            return true;
        } catch (RpcException e) {
            return false;
        }
    }

    private static final long REMOTE_CHECK_NANOS = 2_000_000_000L;

    /** The daemon's control object (see {@code org.pyacq.daemon.DaemonControl}). */
    public ObjectProxy control() {
        return control;
    }

    /** The daemon's children, as {@code ps} describes them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> ps() {
        return (List<Map<String, Object>>) control.invoke("ps");
    }

    /** Starts a child; {@code spec} keys are those of {@code ChildSpec.KEYS}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> spawn(Map<String, Object> spec) {
        return (Map<String, Object>) control.invoke("spawn", spec);
    }

    /** The shared client for the running child {@code name}. */
    public RpcClient process(String name) {
        String address = (String) control.invoke("address", name);
        return RpcClient.connect(address);
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        client.close();
    }
}

package org.pyacq.cli.session;

import java.nio.file.Path;
import java.time.Duration;
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

    private DaemonSession(RuntimeFile runtime, RpcClient client, ObjectProxy control, Duration timeout) {
        this.runtime = runtime;
        this.client = client;
        this.control = control;
        this.timeout = timeout;
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
                return new DaemonSession(alive.get(), client, control, timeout);
            } catch (RpcException e) {
                client.close();   // the locator finds out why, and starts one if allowed
            }
        }
        RuntimeFile runtime = locator.findOrStart(autostart);
        RpcClient client = RpcClient.open(runtime.address(), ClientOptions.builder().timeout(timeout).build());
        try {
            ObjectProxy control = (ObjectProxy) client.get("daemon");
            return new DaemonSession(runtime, client, control, timeout);
        } catch (RpcException e) {
            client.close();
            throw new DaemonException("the daemon at " + runtime.address() + " does not answer: " + e.getMessage(), e);
        }
    }

    public RuntimeFile runtime() {
        return runtime;
    }

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

package org.pyacq.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.rpc.DeferredResult;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.spawn.SpawnedProcess;

/**
 * The control object a daemon publishes as {@code daemon}. Every result is plain data (maps,
 * lists, strings), so the command line, Java code and Python pyacq clients can all read it.
 *
 * <pre>{@code
 * ObjectProxy daemon = (ObjectProxy) RpcClient.connect(address).get("daemon");
 * daemon.invoke("spawn", Map.of("name", "w1", "restart", "on-failure"));
 * List<?> children = (List<?>) daemon.invoke("ps");
 * }</pre>
 */
public final class DaemonControl {
    private final Daemon daemon;
    private final Supervisor supervisor;
    private final LogHub logs;
    private final ProcessCalls calls;
    private final Instant started = Instant.now();
    private final ChildStatistics childStatistics = new ChildStatistics();

    DaemonControl(Daemon daemon, Supervisor supervisor, LogHub logs, ProcessCalls calls) {
        this.daemon = daemon;
        this.supervisor = supervisor;
        this.logs = logs;
        this.calls = calls;
    }

    /**
     * Starts a child described by {@code spec} (keys: {@link ChildSpec#KEYS}) and returns its
     * description once it serves.
     */
    public Map<String, Object> spawn(Map<String, Object> spec) {
        return plain(supervisor.spawn(ChildSpec.fromMap(spec)).describe());
    }

    /** Starts a child with default settings. */
    public Map<String, Object> spawn(String name) {
        return spawn(Map.of("name", name));
    }

    /** Every child: name, status, pid, address, uptime (s), restarts, exit code, memory (bytes), objects, references, leases... */
    public List<Map<String, Object>> ps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SupervisedChild c : supervisor.all()) {
            out.add(c.describe());
        }
        childStatistics.addTo(out);
        return Collections.unmodifiableList(out);
    }

    /** One child's description plus its spec. */
    public Map<String, Object> info(String name) {
        SupervisedChild c = supervisor.get(name);
        Map<String, Object> m = new LinkedHashMap<>(c.describe());
        m.put("spec", c.spec().toMap());
        return plain(m);
    }

    /** The RPC address of a running child (a child that is not running: an error saying why and what to do). */
    public String address(String name) {
        return supervisor.reachable(name).address();
    }

    /**
     * Calls into a child for a client, with the daemon as the caller: whatever the call creates in
     * the child is released when it is done (unless {@code keep} publishes the result), even if
     * the client is gone by then. The answer comes when the call is done; meanwhile the daemon
     * serves other requests. Request and answer: see {@link ProcessCalls}.
     * <pre>{@code
     * daemon.invoke("call", Map.of("name", "w1", "path", "java.lang.Math.max", "args", List.of(3, 7)))
     *   -> {value=7}
     * }</pre>
     */
    public DeferredResult<Map<String, Object>> call(Map<String, Object> request) {
        return calls.call(request);
    }

    /** Drops the object child {@code name} published under {@code published} (by {@code call} with keep). */
    public boolean forget(String name, String published) {
        return calls.forget(name, published);
    }

    /** Stops a child gracefully (its server closes, then it is killed after the grace period). */
    public Map<String, Object> stop(String name) {
        supervisor.get(name).stop();
        return plain(supervisor.get(name).describe());
    }

    /** Kills a child at once. */
    public Map<String, Object> kill(String name) {
        supervisor.get(name).kill();
        return plain(supervisor.get(name).describe());
    }

    /** Stops and starts a child again with the same settings. */
    public Map<String, Object> restart(String name) {
        supervisor.get(name).restart();
        return plain(supervisor.get(name).describe());
    }

    /** Forgets a stopped child. */
    public void remove(String name) {
        supervisor.remove(name);
    }

    /**
     * Recent log records (oldest first). Query keys: {@code process} (name), {@code level}
     * (debug, info, warning, error or a number), {@code limit} (default 100).
     */
    public List<Map<String, Object>> logs(Map<String, Object> query) {
        Object process = query.get("process");
        int level = query.get("level") == null ? 0 : LogLevels.parse(String.valueOf(query.get("level")));
        int limit = query.get("limit") instanceof Number n ? n.intValue() : 100;
        return Collections.unmodifiableList(logs.recent(process == null ? null : process.toString(), level,
                Math.max(0, limit)));
    }

    /** The last {@code limit} records of every process. */
    public List<Map<String, Object>> logs(int limit) {
        return Collections.unmodifiableList(logs.recent(null, 0, limit));
    }

    /** Sets the log level of a child's root logger (debug, info, warning, error, critical). */
    public void setLogLevel(String name, String level) {
        int python = LogLevels.parse(level);
        SpawnedProcess p = supervisor.get(name).process();
        if (p == null) {
            throw new IllegalStateException("process '" + name + "' is not running");
        }
        ObjectProxy levels = p.importModule(RemoteLogLevel.class.getName());
        levels.invoke("set", "ROOT", python);
    }

    /** The daemon's own state: pid, addresses, uptime, children, security mode and access policy. */
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("address", daemon.address());
        m.put("log_address", logs.logAddress());
        m.put("log_feed_address", logs.feedAddress());
        m.put("runtime_dir", daemon.config().runtimeDir().toString());
        m.put("uptime", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        m.put("children", supervisor.all().size());
        m.put("version", Daemon.version());
        m.put("security", daemon.config().insecure() ? "plain (insecure)" : "curve");
        m.put("access_policy", daemon.config().accessPolicy() == null ? null : daemon.config().accessPolicy().toString());
        return plain(m);
    }

    /** Stops every child and the daemon (after answering). */
    public String shutdown() {
        daemon.requestShutdown("a client asked for shutdown");
        return "shutting down";
    }

    /** Results are read-only so that they travel by value (return type auto sends mutable maps by proxy). */
    private static Map<String, Object> plain(Map<String, Object> m) {
        return Collections.unmodifiableMap(m);
    }

    /** The daemon's own reference table: live objects, references, leases (docs/LIFETIME.md). */
    public Map<String, Object> statistics() {
        return daemon.statistics();
    }

    /** Liveness check. */
    public String ping() {
        return "pong";
    }
}

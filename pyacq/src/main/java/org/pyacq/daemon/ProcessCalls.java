package org.pyacq.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyacq.rpc.DeferredResult;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.spawn.SpawnedProcess;
import org.pyacq.wire.ReturnType;

/**
 * Calls made by the daemon into its processes for short-lived clients (the command line): the
 * daemon is the caller, so whatever a call creates in a process is owned by the daemon and
 * released when the call is done, even if the client that asked is gone by then. Calls run on
 * threads of their own, so a call that takes minutes holds no server thread: {@code ps}, logs and
 * calls to other processes go on.
 *
 * <p>A request is a map: {@code name} (the process), {@code path} (a dotted name, see
 * {@link #walk}), {@code args} (a list), optionally {@code timeout} (seconds), {@code keep} (a
 * name under which the process publishes an object result instead of releasing it). The answer is
 * a map with one of: {@code value} (the result, by value), {@code object} (an object result:
 * {@code type}, {@code id}, {@code address}, {@code process}, and {@code kept} when published),
 * {@code error} (the process's code raised: {@code type}, {@code address}, {@code lines}).
 */
public final class ProcessCalls implements AutoCloseable {
    /** Calls in progress at once, beyond which a request is refused (each waits on a thread). */
    static final int MAX_CALLS = 256;
    /** The key of a one-entry map that stands for an object inside a value (a list or map of proxies). */
    public static final String NESTED_OBJECT = "pyacq.object";

    private final Supervisor supervisor;
    private final ThreadPoolExecutor executor;

    ProcessCalls(Supervisor supervisor) {
        this.supervisor = supervisor;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, MAX_CALLS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "pyacqd-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the call that {@code request} describes; the answer comes when it is done. */
    DeferredResult<Map<String, Object>> call(Map<String, Object> request) {
        String name = text(request, "name");
        String path = text(request, "path");
        List<Object> args = request.get("args") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        Duration timeout = request.get("timeout") instanceof Number t && t.doubleValue() > 0
                ? Duration.ofMillis(Math.round(t.doubleValue() * 1000)) : Duration.ofSeconds(30);
        Object keep = request.get("keep");
        String[] parts = dotted(path);
        SpawnedProcess process = supervisor.reachable(name);
        try {
            return DeferredResult.of(CompletableFuture.supplyAsync(
                    () -> run(name, process, parts, args, timeout, keep == null ? null : keep.toString()), executor));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the daemon is already running " + MAX_CALLS + " calls; try again when "
                    + "some have finished");
        }
    }

    /** Drops what {@code name} published under {@code published}; true if there was something. */
    boolean forget(String name, String published) {
        SpawnedProcess process = supervisor.reachable(name);
        ObjectProxy self = process.client().self();
        try {
            return Boolean.TRUE.equals(self.invoke("unpublish", published));
        } finally {
            self.delete();
        }
    }

    private Map<String, Object> run(String name, SpawnedProcess process, String[] parts, List<Object> args,
            Duration timeout, String keep) {
        return callAt(process.client(), name, parts, args, timeout, keep);
    }

    /**
     * Makes the call a {@code call} request describes through {@code client}, as the daemon does for
     * its processes (the command line does it itself for {@code call --address}), and releases every
     * proxy it made on the way before it returns. {@code label} names the server in object
     * descriptions (a process name, or the address).
     *
     * @return the answer: {@code {value}}, {@code {object}} or {@code {error}}, as {@link #call} sends it
     */
    public static Map<String, Object> callAt(RpcClient client, String label, String path, List<Object> args,
            Duration timeout, String keep) {
        return callAt(client, label, dotted(path), args, timeout, keep);
    }

    private static Map<String, Object> callAt(RpcClient client, String name, String[] parts, List<Object> args,
            Duration timeout, String keep) {
        List<ObjectProxy> created = new ArrayList<>();
        try {
            ObjectProxy self = track(client.self(), created).withTimeout(timeout);
            Object result = walk(client, self, parts, args, timeout, created);
            Map<String, Object> answer = new LinkedHashMap<>();
            if (result instanceof ObjectProxy p) {
                Map<String, Object> object = describe(p, name);
                if (keep != null) {
                    self.invoke("publish", keep, p);
                    object.put("kept", keep);
                }
                answer.put("object", Collections.unmodifiableMap(object));
            } else {
                answer.put("value", detach(result, name, 0, created));
            }
            return Collections.unmodifiableMap(answer);   // read-only: sent by value
        } catch (RemoteCallException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", e.remoteType());
            error.put("address", e.address());
            error.put("lines", e.remoteLines());
            return Map.of("error", Collections.unmodifiableMap(error));
        } finally {
            for (ObjectProxy p : created) {
                p.delete();
            }
        }
    }

    /**
     * Reaches PATH in the process and calls it: if its first segment is a name the process
     * published ({@code self} always is), the rest is walked from that object; otherwise PATH is
     * imported (a class, then its static members). The target is called when there are arguments or
     * it is a method, constructor or class; anything else (a field, a published value) is returned
     * as it is. Every proxy made on the way goes into {@code created}, to be released.
     */
    static Object walk(RpcClient client, ObjectProxy self, String[] parts, List<Object> args, Duration timeout,
            List<ObjectProxy> created) {
        ObjectProxy target;
        if (isPublished(self, parts[0])) {
            Object published = parts[0].equals("self") ? self : client.get(parts[0]);
            if (published instanceof ObjectProxy op && op != self) {
                track(op, created);
            }
            if (parts.length == 1 && args.isEmpty() && !(published instanceof ObjectProxy)) {
                return published;
            }
            ObjectProxy p;
            if (published instanceof ObjectProxy op) {
                p = op;
            } else {
                ObjectProxy optional = track((ObjectProxy) self.withReturnType(ReturnType.PROXY)
                        .invoke("published", parts[0]), created);
                p = track((ObjectProxy) optional.withReturnType(ReturnType.PROXY).invoke("get"), created);
            }
            track(p, created);
            for (int i = 1; i < parts.length; i++) {
                // resolved at once, so the last one knows whether it is a method
                p = track(p.withTimeout(timeout).withDeferredAttributes(false).attr(parts[i]), created);
            }
            target = p;
        } else {
            target = imported(client, parts, timeout, created);
        }
        target = target.withTimeout(timeout);
        Object result = !args.isEmpty() || isCallable(target) ? target.call(args.toArray()) : target.getValue();
        if (result instanceof ObjectProxy p) {
            track(p, created);
        }
        return result;
    }

    /**
     * PATH imported whole (a Java server imports a class and its static members at once), else its
     * longest importable prefix with the rest walked as attributes (a Python server imports modules
     * only: {@code numpy.zeros} is module {@code numpy}, attribute {@code zeros}).
     */
    private static ObjectProxy imported(RpcClient client, String[] parts, Duration timeout, List<ObjectProxy> created) {
        RemoteCallException whole;
        try {
            return track(client.importModule(String.join(".", parts)), created);
        } catch (RemoteCallException e) {
            whole = e;
        }
        for (int n = parts.length - 1; n >= 1; n--) {
            ObjectProxy p;
            try {
                p = track(client.importModule(String.join(".", Arrays.asList(parts).subList(0, n))), created);
            } catch (RemoteCallException e) {
                continue;
            }
            try {
                for (int i = n; i < parts.length; i++) {
                    p = track(p.withTimeout(timeout).withDeferredAttributes(false).attr(parts[i]), created);
                }
            } catch (RemoteCallException e) {
                throw whole;   // the import's error says best what was wrong with PATH
            }
            return p;
        }
        throw whole;
    }

    private static ObjectProxy track(ObjectProxy p, List<ObjectProxy> created) {
        for (ObjectProxy known : created) {
            if (known == p) {
                return p;
            }
        }
        created.add(p);
        return p;
    }

    private static boolean isCallable(ObjectProxy p) {
        String type = p.typeName();
        return type.startsWith("method ") || type.startsWith("constructor ") || type.startsWith("class ");
    }

    private static boolean isPublished(ObjectProxy self, String name) {
        if ("self".equals(name)) {
            return true;
        }
        try {
            return self.invoke("publishedNames") instanceof Collection<?> names && names.contains(name);
        } catch (RemoteCallException e) {
            return false;   // not a pyacq-java server: nothing to walk from but imports
        }
    }

    /** An object result as data: its type, id, address and process name (the proxy itself is released). */
    private static Map<String, Object> describe(ObjectProxy p, String process) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.typeName());
        m.put("id", p.objectId());
        m.put("address", p.address());
        m.put("process", process);
        return m;
    }

    /** {@code value} with every proxy inside it (in lists and maps) replaced by its description. */
    private static Object detach(Object value, String process, int depth, List<ObjectProxy> created) {
        if (value instanceof ObjectProxy p) {
            track(p, created);
            return Map.of(NESTED_OBJECT, Collections.unmodifiableMap(describe(p, process)));
        }
        if (depth > 64) {
            return value;
        }
        if (value instanceof List<?> list && list.stream().anyMatch(ProcessCalls::holdsProxy)) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(detach(e, process, depth + 1, created)));
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Map<?, ?> map && map.values().stream().anyMatch(ProcessCalls::holdsProxy)) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, detach(v, process, depth + 1, created)));
            return Collections.unmodifiableMap(out);
        }
        return value;
    }

    private static boolean holdsProxy(Object v) {
        return v instanceof ObjectProxy || v instanceof List<?> || v instanceof Map<?, ?>;
    }

    static String[] dotted(String path) {
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("'" + path + "' is not a dotted path; write it like "
                        + "java.lang.System.getProperty or self.ping");
            }
        }
        return parts;
    }

    private static String text(Map<String, Object> request, String key) {
        Object v = request.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("the call request needs '" + key + "' (text); it has " + request.keySet());
        }
        return s;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package org.pyacq.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcFuture;

/**
 * The reference-table figures of the daemon's children for {@code ps} (docs/LIFETIME.md): live
 * objects, references and client leases, asked of every running child in parallel, with a short
 * deadline. The daemon keeps one proxy per child to its server's {@code statisticsMap}, so asking
 * does not itself add references: that proxy is one of the references shown.
 */
final class ChildStatistics {
    private static final Duration DEADLINE = Duration.ofMillis(1000);
    /** How many new children are contacted at once. */
    private static final int CONTACTS_AT_ONCE = 16;
    private final Map<String, ObjectProxy> byAddress = new ConcurrentHashMap<>();
    private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();

    /** Adds {@code objects}, {@code references} and {@code leases} to each description with an address. */
    void addTo(List<Map<String, Object>> children) {
        Map<Map<String, Object>, RpcFuture<Object>> asked = new LinkedHashMap<>();
        Set<String> live = new HashSet<>();
        List<String> fresh = new ArrayList<>();
        for (Map<String, Object> c : children) {
            c.put("objects", null);
            c.put("references", null);
            c.put("leases", null);
            if (c.get("address") instanceof String address && "running".equals(c.get("status"))) {
                live.add(address);
                if (!byAddress.containsKey(address)) {
                    fresh.add(address);
                }
            }
        }
        contact(fresh);
        for (Map<String, Object> c : children) {
            ObjectProxy p = c.get("address") instanceof String address && "running".equals(c.get("status"))
                    ? byAddress.get(address) : null;
            if (p != null) {
                try {
                    asked.put(c, p.withTimeout(DEADLINE).callAsync());
                } catch (RuntimeException e) {
                    byAddress.remove(c.get("address"));   // asked again next time
                }
            }
        }
        byAddress.keySet().retainAll(live);
        clients.entrySet().removeIf(e -> {
            if (live.contains(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Map.Entry<Map<String, Object>, RpcFuture<Object>> e : asked.entrySet()) {
            try {
                Object r = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r instanceof Map<?, ?> m) {
                    e.getKey().put("objects", m.get("live_objects"));
                    e.getKey().put("references", m.get("references"));
                    e.getKey().put("leases", m.get("leases"));
                }
            } catch (Exception ex) {
                if (ex instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // a busy or stopping child: its figures stay unknown
            }
        }
    }

    /**
     * Makes the proxies of children not asked before, several at a time (each needs a connection
     * and a round trip; one after the other, a hundred new children made the first {@code ps} take
     * seconds). Waits at most {@link #DEADLINE}; a child not reached by then is asked next time.
     */
    private void contact(List<String> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONTACTS_AT_ONCE, fresh.size()), r -> {
            Thread t = new Thread(r, "pyacq-ps-contact-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (String address : fresh) {
                pending.add(pool.submit(() -> {
                    RpcClient client = clients.computeIfAbsent(address,
                            k -> RpcClient.open(k, ClientOptions.builder().timeout(DEADLINE).build()));
                    byAddress.putIfAbsent(address, ((ObjectProxy) client.get("self")).attr("statisticsMap"));
                }));
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            for (Future<?> f : pending) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // not reached in time, or not at all: its figures stay unknown this time
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package org.pyacq.daemon;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
    private final Map<String, ObjectProxy> byAddress = new ConcurrentHashMap<>();
    private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();

    /** Adds {@code objects}, {@code references} and {@code leases} to each description with an address. */
    void addTo(List<Map<String, Object>> children) {
        Map<Map<String, Object>, RpcFuture<Object>> asked = new LinkedHashMap<>();
        Set<String> live = new HashSet<>();
        for (Map<String, Object> c : children) {
            c.put("objects", null);
            c.put("references", null);
            c.put("leases", null);
            if (c.get("address") instanceof String address && "running".equals(c.get("status"))) {
                live.add(address);
                try {
                    ObjectProxy p = byAddress.computeIfAbsent(address, a -> ((ObjectProxy) clients.computeIfAbsent(a,
                            k -> RpcClient.open(k, ClientOptions.builder().timeout(DEADLINE).build())).get("self"))
                            .attr("statisticsMap"));
                    asked.put(c, p.withTimeout(DEADLINE).callAsync());
                } catch (RuntimeException e) {
                    byAddress.remove(address);   // asked again next time
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
}

package org.pyacq.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of leases (docs/LIFETIME.md): which lease the references of the request being
 * handled belong to, the {@code lease} action, and the reaper that drops the references of
 * expired leases. One per {@link RpcServer}.
 *
 * <p>Request options read here (sent only by our Java clients, and only to servers that answered
 * their {@code lease} handshake, so a Python server never sees them):
 * <ul>
 * <li>{@code lease}: the client process's lease token. References registered while handling the
 *     request belong to that lease; the request also renews it.</li>
 * <li>{@code lease_transfer}: true on a {@code get_obj} that mints a reference for a third process:
 *     the reference goes into a transfer lease, which the receiver claims.</li>
 * </ul>
 */
final class ServerLeases {
    private static final Logger log = LoggerFactory.getLogger(ServerLeases.class);
    /** Request option: the client process's lease token. */
    static final String TOKEN = "lease";
    /** Request option: mint into a transfer lease. */
    static final String TRANSFER = "lease_transfer";
    /** Option of the {@code lease} action: the client ends its lease (RMI's DGC "clean" for all it holds). */
    static final String END = "end";
    /** Default lease time when neither the builder nor {@code -Dpyacq.lease.seconds} says otherwise. */
    static final long DEFAULT_LEASE_MILLIS = 5 * 60_000L;

    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyacq-lease-reaper");
        t.setDaemon(true);
        return t;
    });
    private static final ThreadLocal<LeaseTable.Lease> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> FOR_JAVA_LEASE = new ThreadLocal<>();

    private final RpcServer server;
    private final long leaseMillis;
    private final long idleMillis;
    private ScheduledFuture<?> reaper;

    ServerLeases(RpcServer server, long leaseMillis, long idleMillis) {
        this.server = server;
        this.leaseMillis = leaseMillis;
        this.idleMillis = idleMillis;
    }

    /** The default lease time: {@code -Dpyacq.lease.seconds}, else 5 minutes. */
    static long defaultLeaseMillis() {
        String s = System.getProperty("pyacq.lease.seconds");
        if (s != null && !s.isBlank()) {
            try {
                double v = Double.parseDouble(s.trim());
                if (v > 0) {
                    return Math.max(1, (long) (v * 1000));
                }
            } catch (NumberFormatException e) {
                log.warn("ignoring -Dpyacq.lease.seconds={}: not a number", s);
            }
        }
        return DEFAULT_LEASE_MILLIS;
    }

    /** The default idle expiry for stock clients: {@code -Dpyacq.idleExpiry.seconds}, else 0 (never). */
    static long defaultIdleMillis() {
        String s = System.getProperty("pyacq.idleExpiry.seconds");
        if (s != null && !s.isBlank()) {
            try {
                double v = Double.parseDouble(s.trim());
                return v > 0 ? Math.max(1, (long) (v * 1000)) : 0;
            } catch (NumberFormatException e) {
                log.warn("ignoring -Dpyacq.idleExpiry.seconds={}: not a number", s);
            }
        }
        return 0;
    }

    long leaseMillis() {
        return leaseMillis;
    }

    long idleMillis() {
        return idleMillis;
    }

    /**
     * Called once the options of a request are decoded: sets the lease that references handed
     * out for this request belong to. The caller restores the previous state with {@link #restore}.
     */
    void enter(String caller, boolean javaPeer, Map<String, Object> options) {
        FOR_JAVA_LEASE.remove();
        Object token = options.get(TOKEN);
        LeaseTable.Lease lease = null;
        long now = LeaseTable.clockMillis();
        if (javaPeer && token instanceof String t && !t.isEmpty()) {
            if (Boolean.TRUE.equals(options.get(TRANSFER))) {
                lease = server.references().transferLease(leaseMillis, now);
            } else {
                lease = server.references().renew(t, leaseMillis, now);
            }
            FOR_JAVA_LEASE.set(Boolean.TRUE);
            startReaper();
        } else if (!javaPeer && idleMillis > 0) {
            lease = server.references().renew("idle:" + caller, idleMillis, now);
            startReaper();
        }
        CURRENT.set(lease);
    }

    /** What {@link #enter} replaces, for {@link #restore} (a server thread may serve a request inside another). */
    record Saved(LeaseTable.Lease lease, Boolean forJava) {
    }

    static Saved save() {
        return new Saved(CURRENT.get(), FOR_JAVA_LEASE.get());
    }

    static void restore(Saved saved) {
        CURRENT.set(saved.lease());
        FOR_JAVA_LEASE.set(saved.forJava());
    }

    /** The lease that references registered now belong to (null: none). */
    static LeaseTable.Lease current() {
        return CURRENT.get();
    }

    /** Whether the request being handled comes from a Java client that holds a lease here. */
    static boolean forLeasedJavaClient() {
        return Boolean.TRUE.equals(FOR_JAVA_LEASE.get());
    }

    /** The {@code lease} action: renews (or starts) the lease, takes claimed references into it. */
    Map<String, Object> renew(Map<String, Object> options) {
        Object token = options.get(TOKEN);
        if (!(token instanceof String t) || t.isEmpty()) {
            throw new IllegalArgumentException("request option 'lease' (the client's lease token) is missing");
        }
        if (Boolean.TRUE.equals(options.get(END))) {
            int ended = server.references().end(t);
            log.debug("RPC server {}: lease {} ended by its client; {} reference(s) dropped", server.name(), t, ended);
            return Map.of("ended", ended);
        }
        long now = LeaseTable.clockMillis();
        boolean expired = server.references().expiredLease(t);
        LeaseTable.Lease lease = server.references().renew(t, leaseMillis, now);
        int claimed = 0;
        if (options.get("claim") instanceof List<?> list && !list.isEmpty()) {
            List<long[]> claims = new ArrayList<>(list.size());
            for (Object o : list) {
                if (o instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number a
                        && pair.get(1) instanceof Number b) {
                    claims.add(new long[] {a.longValue(), b.longValue()});
                }
            }
            claimed = server.references().claim(lease, claims);
        }
        startReaper();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("lease_ms", leaseMillis);
        reply.put("references", server.references().leaseReferences(lease));
        reply.put("claimed", claimed);
        reply.put("expired", expired);
        return reply;
    }

    /** Starts the reaper of this server's leases, if not yet running. */
    synchronized void startReaper() {
        if (reaper != null) {
            return;
        }
        long smallest = idleMillis > 0 ? Math.min(leaseMillis, idleMillis) : leaseMillis;
        long period = Math.max(20, Math.min(1000, smallest / 4));
        reaper = REAPER.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
    }

    private void reap() {
        if (server.isClosed()) {
            synchronized (this) {
                reaper.cancel(false);
            }
            return;
        }
        try {
            int n = server.references().expire(LeaseTable.clockMillis(), server.invoker()::typeString);
            if (n > 0) {
                log.info("RPC server {}: dropped {} reference(s) of expired leases; {} object(s) left",
                        server.name(), n, server.liveObjectCount());
            }
        } catch (RuntimeException e) {
            log.warn("RPC server {}: lease reaper failed", server.name(), e);
        }
    }
}

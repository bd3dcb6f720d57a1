package org.pyacq.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.pyacq.wire.Action;
import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.ReturnType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of leases (docs/LIFETIME.md), one per process. This process has one lease
 * token; before its first request to a server it asks that server, once, with a {@code lease}
 * request whether it keeps leases (a Python pyacq server answers with an error: it is then left
 * alone, and no lease option ever reaches it). To a server that keeps leases every request carries
 * the token, and a background job ({@code pyacq-lease-renewer}) renews the lease every third of the
 * lease time, with one small message per server for all of this process's proxies there, as long as
 * this process holds references there. References this process received for a third server (a
 * proxy passed on, a callback) are claimed into its own lease with the next renewal, sent soon.
 */
final class ClientLeases {
    private static final Logger log = LoggerFactory.getLogger(ClientLeases.class);
    /** This process's lease token: unique per process run, never reused. */
    static final String TOKEN = ProcessIdentity.processName() + "-" + ProcessHandle.current().pid() + "-"
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    private static final long TICK_MILLIS = 100;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private enum Kind { UNKNOWN, LEASED, NONE }

    /** What this process knows of one server. */
    private static final class ServerState {
        final String address;
        volatile Kind kind = Kind.UNKNOWN;
        volatile long leaseMillis;
        volatile long lastUseMillis;
        volatile long lastRenewMillis;
        volatile int heldReferences = 1;
        volatile boolean renewing;
        final List<long[]> claims = new ArrayList<>();

        ServerState(String address) {
            this.address = address;
        }
    }

    private static final Map<String, ServerState> SERVERS = new ConcurrentHashMap<>();
    private static volatile ScheduledExecutorService renewer;

    private ClientLeases() {
    }

    /** Whether the server at {@code address} is known to keep leases. */
    static boolean isLeased(String address) {
        ServerState s = SERVERS.get(address);
        return s != null && s.kind == Kind.LEASED;
    }

    /** The lease time the server at {@code address} announced, or 0 if it keeps no leases (or is not known yet). */
    static long leaseMillis(String address) {
        ServerState s = SERVERS.get(address);
        return s != null && s.kind == Kind.LEASED ? s.leaseMillis : 0;
    }

    /**
     * The options to send with a request from {@code client}: with the lease token added when its
     * server keeps leases. Learns the server's kind first if needed.
     */
    static Map<String, Object> withToken(RpcClient client, Action action, Map<String, Object> opts) {
        if (action == Action.LEASE || action == Action.DELETE || action == Action.PING || action == Action.CLOSE) {
            return opts;
        }
        ServerState s = SERVERS.computeIfAbsent(client.address(), ServerState::new);
        if (s.kind == Kind.UNKNOWN) {
            handshake(client, s);
        }
        if (s.kind != Kind.LEASED) {
            return opts;
        }
        s.lastUseMillis = LeaseTable.clockMillis();
        Map<String, Object> m = opts == null ? new LinkedHashMap<>(2) : new LinkedHashMap<>(opts);
        m.put(ServerLeases.TOKEN, TOKEN);
        return m;
    }

    private static void handshake(RpcClient client, ServerState s) {
        Map<String, Object> opts = new LinkedHashMap<>(2);
        opts.put(ServerLeases.TOKEN, TOKEN);
        Duration timeout = client.options().timeout().compareTo(HANDSHAKE_TIMEOUT) < 0 ? client.options().timeout()
                : HANDSHAKE_TIMEOUT;
        try {
            Object r = client.send(Action.LEASE, opts, ReturnType.VALUE, SyncMode.SYNC, timeout);
            if (r instanceof Map<?, ?> m && m.get("lease_ms") instanceof Number n && n.longValue() > 0) {
                s.leaseMillis = n.longValue();
                s.lastRenewMillis = LeaseTable.clockMillis();
                s.kind = Kind.LEASED;
                startRenewer();
                log.debug("server {} keeps leases of {} ms", s.address, s.leaseMillis);
            } else {
                s.kind = Kind.NONE;
            }
        } catch (RemoteCallException | ProtocolException e) {
            s.kind = Kind.NONE;   // a stock pyacq server: no leases there
            log.debug("server {} keeps no leases ({})", s.address, e.getMessage());
        } catch (RpcException e) {
            log.debug("could not learn whether server {} keeps leases; asking again later", s.address, e);
        }
    }

    /**
     * This process now owns the reference {@code ref} to an object of a third server (received as a
     * request argument or in a reply): claim it into this process's lease there.
     */
    static void claim(ProxyRef ref) {
        ServerState s = SERVERS.computeIfAbsent(ref.rpcAddr(), ServerState::new);
        if (s.kind == Kind.NONE) {
            return;
        }
        synchronized (s.claims) {
            s.claims.add(new long[] {ref.objId(), ref.refId()});
        }
        s.lastUseMillis = LeaseTable.clockMillis();
        startRenewer();
    }

    /**
     * How a server replies with a proxy it holds for a third server: to one of our Java clients
     * that holds a lease here, a fresh reference minted for it (which it owns and claims), so that
     * this process dropping its own cannot pull the object away from the receiver; to anyone else
     * the proxy as it is (pyacq semantics).
     */
    static ProxyRef forward(ObjectProxy p) {
        if (!ServerLeases.forLeasedJavaClient()) {
            return p.ref();
        }
        try {
            return p.client().mint(p, true);
        } catch (RuntimeException e) {
            log.debug("could not mint a reference to {} for the reply; forwarding ours", p, e);
            return p.ref();
        }
    }

    /**
     * Ends this process's lease at every server that keeps one: each drops at once every reference
     * this process holds there. Waits at most {@code timeout} per server; a server that does not
     * answer lets the lease expire instead. For a process that is done with all its proxies.
     */
    static void endAll(Duration timeout) {
        for (ServerState s : new ArrayList<>(SERVERS.values())) {
            if (s.kind != Kind.LEASED) {
                continue;
            }
            SERVERS.remove(s.address, s);
            RpcClient known = RpcClient.registered(s.address);
            RpcClient client = known != null && !known.isDisconnected() ? known
                    : RpcClient.open(s.address, ClientOptions.defaults());
            try {
                Map<String, Object> opts = new LinkedHashMap<>(2);
                opts.put(ServerLeases.TOKEN, TOKEN);
                opts.put(ServerLeases.END, Boolean.TRUE);
                client.send(Action.LEASE, opts, ReturnType.VALUE, SyncMode.SYNC, timeout);
            } catch (RpcException e) {
                log.debug("could not end the lease at {}; it expires instead", s.address, e);
            } finally {
                if (client != known) {
                    client.close();
                }
            }
        }
    }

    /** The server at {@code address} is gone: forget what is known of it. */
    static void forget(String address) {
        SERVERS.remove(address);
    }

    private static void startRenewer() {
        if (renewer != null) {
            return;
        }
        synchronized (ClientLeases.class) {
            if (renewer == null) {
                ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "pyacq-lease-renewer");
                    t.setDaemon(true);
                    return t;
                });
                e.scheduleWithFixedDelay(ClientLeases::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
                renewer = e;
            }
        }
    }

    /** One pass of the renewer: renews the leases that are due, sends pending claims. */
    private static void tick() {
        long now = LeaseTable.clockMillis();
        for (ServerState s : SERVERS.values()) {
            try {
                renewIfDue(s, now);
            } catch (RuntimeException e) {
                log.debug("lease renewal for {} failed", s.address, e);
            }
        }
    }

    private static void renewIfDue(ServerState s, long now) {
        boolean hasClaims;
        synchronized (s.claims) {
            hasClaims = !s.claims.isEmpty();
        }
        if (s.renewing || s.kind == Kind.NONE) {
            return;
        }
        RpcClient known = RpcClient.registered(s.address);
        if (known != null && known.isDisconnected() && !known.isClosed()) {
            SERVERS.remove(s.address, s);   // its server went away, and every reference it held with it
            return;
        }
        RpcClient client = RpcClient.connect(s.address);
        if (s.kind == Kind.UNKNOWN) {
            if (hasClaims) {
                handshake(client, s);
            }
            if (s.kind != Kind.LEASED) {
                if (s.kind == Kind.NONE) {
                    synchronized (s.claims) {
                        s.claims.clear();
                    }
                }
                return;
            }
        }
        boolean due = now - s.lastRenewMillis >= s.leaseMillis / 3;
        boolean inUse = s.heldReferences > 0 || s.lastUseMillis >= s.lastRenewMillis;
        if (!hasClaims && !(due && inUse)) {
            return;
        }
        List<List<Long>> claims = new ArrayList<>();
        synchronized (s.claims) {
            for (long[] c : s.claims) {
                claims.add(List.of(c[0], c[1]));
            }
            s.claims.clear();
        }
        Map<String, Object> opts = new LinkedHashMap<>(4);
        opts.put(ServerLeases.TOKEN, TOKEN);
        if (!claims.isEmpty()) {
            opts.put("claim", claims);
        }
        s.renewing = true;
        s.lastRenewMillis = now;
        @SuppressWarnings("unchecked")
        RpcFuture<Object> f = (RpcFuture<Object>) client.send(Action.LEASE, opts, ReturnType.VALUE, SyncMode.ASYNC,
                Duration.ofMillis(Math.max(1000, s.leaseMillis / 3)));
        f.whenComplete((r, failure) -> {
            s.renewing = false;
            if (failure != null) {
                if (failure instanceof ServerDisconnectedException) {
                    SERVERS.remove(s.address, s);
                } else {
                    s.lastRenewMillis = 0;   // try again at the next tick
                }
                log.debug("lease renewal at {} failed", s.address, failure);
                return;
            }
            if (r instanceof Map<?, ?> m) {
                if (m.get("references") instanceof Number n) {
                    s.heldReferences = n.intValue();
                }
                if (m.get("lease_ms") instanceof Number n && n.longValue() > 0) {
                    s.leaseMillis = n.longValue();
                }
                if (Boolean.TRUE.equals(m.get("expired"))) {
                    log.warn("the lease of this process at {} had expired (lease time {} ms): proxies obtained"
                            + " from it before are gone there", s.address, s.leaseMillis);
                }
            }
        });
    }
}

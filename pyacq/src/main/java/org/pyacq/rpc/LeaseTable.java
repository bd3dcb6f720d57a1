package org.pyacq.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The leases of one server (an extension of PROTOCOL.md, see docs/LIFETIME.md). A lease belongs to
 * one client <em>process</em>, named by the token that process chose (not by a ZeroMQ identity: one
 * Java process talks through several sockets). References handed out in answer to a request that
 * carried the token belong to its lease; when the lease is not renewed in time, the server drops
 * all of them at once. References handed out without a token (stock pyacq clients) belong to no
 * lease and live until deleted, as in pyacq, unless the server has an idle expiry for such peers.
 *
 * <p>A <em>transfer</em> lease holds references minted for a third process (a proxy passed on, a
 * callback): that process claims them into its own lease with its next renewal; unclaimed, they
 * expire after one lease time.
 *
 * <p>Not thread-safe: {@link ReferenceTable} guards it with its own lock.
 */
final class LeaseTable {
    private static final long ORIGIN_NANOS = System.nanoTime();

    /**
     * Now, in milliseconds, on the clock leases are timed with (server expiry and client renewal
     * alike). It is monotonic: a step of the wall clock (NTP, a resumed VM: a 57 s step was seen on
     * a test machine) neither expires leases early nor keeps them late; and it stands still while
     * the machine sleeps, so clients suspended with their server's host keep their leases. Its
     * values mean nothing outside this process; they start far from 0, so that 0 reads as "never".
     */
    static long clockMillis() {
        return (System.nanoTime() - ORIGIN_NANOS) / 1_000_000L + 1_000_000_000_000L;
    }

    /** One client's lease: its expiry and the references it holds. */
    static final class Lease {
        private final String id;
        private final boolean transfer;
        private long millis;
        private long expiresAtMillis;
        private final Set<Long> refs = new HashSet<>();
        private final Map<Long, Long> objOfRef = new HashMap<>();

        Lease(String id, boolean transfer) {
            this.id = id;
            this.transfer = transfer;
        }

        String id() {
            return id;
        }

        boolean isTransfer() {
            return transfer;
        }

        long millis() {
            return millis;
        }

        long expiresAtMillis() {
            return expiresAtMillis;
        }

        void add(long objId, long refId) {
            refs.add(refId);
            objOfRef.put(refId, objId);
        }

        void remove(long objId, long refId) {
            refs.remove(refId);
            objOfRef.remove(refId);
        }

        int size() {
            return refs.size();
        }

        /** Pairs (obj_id, ref_id). */
        List<long[]> references() {
            List<long[]> out = new ArrayList<>(refs.size());
            for (Long r : refs) {
                out.add(new long[] {objOfRef.get(r), r});
            }
            return out;
        }
    }

    private static final int EXPIRED_MEMORY = 1024;

    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Boolean> expiredIds = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EXPIRED_MEMORY;
        }
    };
    private long transfers;

    Lease renew(String id, long millis, long nowMillis) {
        Lease l = leases.computeIfAbsent(id, k -> new Lease(k, false));
        expiredIds.remove(id);
        l.millis = millis;
        l.expiresAtMillis = Math.max(l.expiresAtMillis, nowMillis + millis);
        return l;
    }

    Lease get(String id) {
        return leases.get(id);
    }

    /** Removes and returns client lease {@code id}, ended by its client (null if there is none). */
    Lease end(String id) {
        Lease l = leases.get(id);
        if (l == null || l.transfer) {
            return null;
        }
        leases.remove(id);
        return l;
    }

    boolean wasExpired(String id) {
        return expiredIds.containsKey(id);
    }

    Lease transfer(long millis, long nowMillis) {
        Lease l = new Lease("transfer-" + (++transfers), true);
        l.millis = millis;
        l.expiresAtMillis = nowMillis + millis;
        leases.put(l.id, l);
        return l;
    }

    /** Removes and returns the leases expired by {@code nowMillis}. */
    List<Lease> expire(long nowMillis) {
        List<Lease> out = new ArrayList<>();
        for (Iterator<Lease> it = leases.values().iterator(); it.hasNext();) {
            Lease l = it.next();
            if (l.transfer && l.refs.isEmpty() && l.expiresAtMillis <= nowMillis) {
                it.remove();
            } else if (l.expiresAtMillis <= nowMillis) {
                it.remove();
                out.add(l);
                if (!l.transfer && !l.refs.isEmpty()) {
                    expiredIds.put(l.id, Boolean.TRUE);
                }
            }
        }
        return out;
    }

    Collection<Lease> all() {
        return leases.values();
    }

    int clientLeaseCount() {
        int n = 0;
        for (Lease l : leases.values()) {
            if (!l.transfer) {
                n++;
            }
        }
        return n;
    }

    int referenceCount() {
        int n = 0;
        for (Lease l : leases.values()) {
            n += l.refs.size();
        }
        return n;
    }

    void clear() {
        leases.clear();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}

package org.pyacq.rpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The objects a server has handed out as proxies (PROTOCOL.md section 6): each distinct object (by
 * identity) has one obj_id, each proxy sent for it a fresh ref_id, and the object stays alive
 * while any of its ref_ids is outstanding. Thread-safe.
 *
 * <h2>Lifetime rules (docs/LIFETIME.md)</h2>
 * <ol>
 * <li>A reference is <em>counted</em> when it is registered, that is before the message carrying
 *     it is encoded; so it exists before any receiver can see it.</li>
 * <li>It is <em>released</em> only by a {@code delete} naming both its obj_id and its ref_id, or by
 *     the end of the lease it belongs to (see {@link LeaseTable}). A delete for a reference this
 *     table does not hold fails and changes nothing.</li>
 * <li>ref_ids are never reused, not even by another server that binds the same address later:
 *     each table starts its ref_ids at a random base, so a delete left over from an earlier server
 *     at the same address (a stale automatic release) cannot hit a reference of this one.</li>
 * <li>The object is <em>dropped</em> when its last reference is released. Published objects are
 *     not in this table (they live in the namespace) and never expire.</li>
 * </ol>
 */
final class ReferenceTable {
    private static final class Entry {
        final long objId;
        final Object object;
        /** ref_id to the lease that holds it (null: no lease, released only by delete). */
        final Map<Long, LeaseTable.Lease> refs = new HashMap<>(4);

        Entry(long objId, Object object) {
            this.objId = objId;
            this.object = object;
        }
    }

    /** What is remembered of an object dropped by an expired lease, for a clear error later. */
    private record Expired(String type, String leaseId, long leaseMillis, long expiredAtMillis) {
    }

    private static final int EXPIRED_MEMORY = 4096;

    private final Map<Object, Entry> byObject = new IdentityHashMap<>();
    private final Map<Long, Entry> byId = new HashMap<>();
    private final LeaseTable leases = new LeaseTable();
    private final Map<Long, Expired> expired = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Expired> eldest) {
            return size() > EXPIRED_MEMORY;
        }
    };
    private long nextObjId;
    private long nextRefId = ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40);
    private int refCount;
    private long expiredReferences;
    private long rejectedReleases;

    /** The ids of one new reference to {@code object}. */
    record Ids(long objId, long refId) {
    }

    synchronized Ids register(Object object) {
        return register(object, null);
    }

    /** Registers a new reference held under {@code lease} (null: no lease). */
    synchronized Ids register(Object object, LeaseTable.Lease lease) {
        Entry e = byObject.get(object);
        if (e == null) {
            e = new Entry(nextObjId++, object);
            byObject.put(object, e);
            byId.put(e.objId, e);
        }
        long refId = nextRefId++;
        e.refs.put(refId, lease);
        if (lease != null) {
            lease.add(e.objId, refId);
        }
        refCount++;
        return new Ids(e.objId, refId);
    }

    /**
     * The object with this id.
     *
     * @throws LeaseExpiredException if its references were dropped because a lease expired
     * @throws UnknownObjectException if no reference to it is outstanding
     */
    synchronized Object get(long objId) {
        return get(objId, "this server");
    }

    /** Like {@link #get(long)}; {@code address} names the server in the errors. */
    synchronized Object get(long objId, String address) {
        Entry e = byId.get(objId);
        if (e == null) {
            Expired x = expired.get(objId);
            if (x != null) {
                throw new LeaseExpiredException("object " + objId + " (" + x.type() + ") at " + address
                        + " is gone: the lease of"
                        + " client " + x.leaseId() + " that held it (lease time " + LeaseTable.seconds(x.leaseMillis())
                        + ") expired at " + Instant.ofEpochMilli(x.expiredAtMillis()) + " without being renewed"
                        + " (the client was suspended, cut off or stopped); get a new proxy");
            }
            throw new UnknownObjectException("no object with id " + objId + " here; it was released "
                    + "(its proxies were deleted or garbage-collected) or never existed");
        }
        return e.object;
    }

    /**
     * Drops one reference; the object is forgotten when none is left.
     *
     * @throws UnknownObjectException if the object or this reference to it is unknown
     */
    synchronized void release(long objId, long refId) {
        Entry e = byId.get(objId);
        if (e == null || !e.refs.containsKey(refId)) {
            rejectedReleases++;
            throw new UnknownObjectException("no reference " + refId + " to object " + objId
                    + " here; it was already released");
        }
        LeaseTable.Lease lease = e.refs.remove(refId);
        if (lease != null) {
            lease.remove(objId, refId);
        }
        dropOne(e);
    }

    private void dropOne(Entry e) {
        refCount--;
        if (e.refs.isEmpty()) {
            byId.remove(e.objId);
            byObject.remove(e.object);
        }
    }

    // ---- leases ----------------------------------------------------------------------------

    /** The lease of client {@code id}, created if needed, renewed until now + millis. */
    synchronized LeaseTable.Lease renew(String id, long millis, long nowMillis) {
        return leases.renew(id, millis, nowMillis);
    }

    /** Whether the lease {@code id} expired (and has not been renewed since). */
    synchronized boolean expiredLease(String id) {
        return leases.wasExpired(id);
    }

    /** The live lease {@code id}, or null. */
    synchronized LeaseTable.Lease lease(String id) {
        return leases.get(id);
    }

    /** References held by {@code lease}. */
    synchronized int leaseReferences(LeaseTable.Lease lease) {
        return lease.size();
    }

    /** A lease for references minted for another process, which that process must claim in time. */
    synchronized LeaseTable.Lease transferLease(long millis, long nowMillis) {
        return leases.transfer(millis, nowMillis);
    }

    /**
     * Moves the references {@code claims} (pairs obj_id, ref_id) into {@code lease}, if they are
     * still held. Returns how many moved.
     */
    synchronized int claim(LeaseTable.Lease lease, List<long[]> claims) {
        int n = 0;
        for (long[] c : claims) {
            Entry e = byId.get(c[0]);
            if (e == null || !e.refs.containsKey(c[1])) {
                continue;
            }
            LeaseTable.Lease old = e.refs.put(c[1], lease);
            if (old != null) {
                old.remove(c[0], c[1]);
            }
            lease.add(c[0], c[1]);
            n++;
        }
        return n;
    }

    /**
     * Drops every reference of every lease that expired by {@code nowMillis}; returns how many
     * references were dropped.
     */
    synchronized int expire(long nowMillis, java.util.function.Function<Object, String> typeOf) {
        int dropped = 0;
        for (LeaseTable.Lease lease : leases.expire(nowMillis)) {
            for (long[] r : lease.references()) {
                Entry e = byId.get(r[0]);
                if (e == null || e.refs.get(r[1]) != lease) {
                    continue;
                }
                e.refs.remove(r[1]);
                if (!lease.isTransfer()) {
                    // the lease clock means nothing to people: keep the wall time of the expiry
                    expired.put(e.objId, new Expired(typeOf.apply(e.object), lease.id(), lease.millis(),
                            System.currentTimeMillis() - (nowMillis - lease.expiresAtMillis())));
                }
                dropOne(e);
                dropped++;
            }
        }
        expiredReferences += dropped;
        return dropped;
    }

    /**
     * Drops every reference of client lease {@code id} at once, because its client said it is done
     * with them (not an expiry: later uses get no "lease expired" error); returns how many.
     */
    synchronized int end(String id) {
        LeaseTable.Lease lease = leases.end(id);
        if (lease == null) {
            return 0;
        }
        int dropped = 0;
        for (long[] r : lease.references()) {
            Entry e = byId.get(r[0]);
            if (e == null || e.refs.get(r[1]) != lease) {
                continue;
            }
            e.refs.remove(r[1]);
            dropOne(e);
            dropped++;
        }
        return dropped;
    }

    /** Objects kept alive for remote proxies. */
    synchronized int objectCount() {
        return byId.size();
    }

    /** Outstanding references over all objects. */
    synchronized int referenceCount() {
        return refCount;
    }

    /** Live client leases (not counting leases of references in transfer). */
    synchronized int leaseCount() {
        return leases.clientLeaseCount();
    }

    /** References held under some lease (the rest are held until deleted). */
    synchronized int leasedReferenceCount() {
        return leases.referenceCount();
    }

    /** References dropped by expired leases since the server started. */
    synchronized long expiredReferenceCount() {
        return expiredReferences;
    }

    /** Deletes that named a reference this table does not hold (already released, or meant for an earlier server). */
    synchronized long rejectedReleaseCount() {
        return rejectedReleases;
    }

    /** One line per live lease: id, references, milliseconds left. */
    synchronized List<Map<String, Object>> leaseSummaries(long nowMillis) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LeaseTable.Lease l : leases.all()) {
            if (l.isTransfer()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", l.id());
            m.put("references", l.size());
            m.put("expires_in_ms", Math.max(0, l.expiresAtMillis() - nowMillis));
            out.add(m);
        }
        return out;
    }

    synchronized void clear() {
        byObject.clear();
        byId.clear();
        leases.clear();
        refCount = 0;
    }
}

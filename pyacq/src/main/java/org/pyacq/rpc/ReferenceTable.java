package org.pyacq.rpc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The objects a server has handed out as proxies (PROTOCOL.md section 6): each distinct object (by
 * identity) has one obj_id, each proxy sent for it a fresh ref_id, and the object stays alive
 * while any of its ref_ids is outstanding. Thread-safe.
 */
final class ReferenceTable {
    private static final class Entry {
        final long objId;
        final Object object;
        final Set<Long> refs = new HashSet<>(4);

        Entry(long objId, Object object) {
            this.objId = objId;
            this.object = object;
        }
    }

    private final Map<Object, Entry> byObject = new IdentityHashMap<>();
    private final Map<Long, Entry> byId = new HashMap<>();
    private long nextObjId;
    private long nextRefId;
    private int refCount;

    /** The ids of one new reference to {@code object}. */
    record Ids(long objId, long refId) {
    }

    synchronized Ids register(Object object) {
        Entry e = byObject.get(object);
        if (e == null) {
            e = new Entry(nextObjId++, object);
            byObject.put(object, e);
            byId.put(e.objId, e);
        }
        long refId = nextRefId++;
        e.refs.add(refId);
        refCount++;
        return new Ids(e.objId, refId);
    }

    /**
     * The object with this id.
     *
     * @throws UnknownObjectException if no reference to it is outstanding
     */
    synchronized Object get(long objId) {
        Entry e = byId.get(objId);
        if (e == null) {
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
        if (e == null || !e.refs.remove(refId)) {
            throw new UnknownObjectException("no reference " + refId + " to object " + objId
                    + " here; it was already released");
        }
        refCount--;
        if (e.refs.isEmpty()) {
            byId.remove(objId);
            byObject.remove(e.object);
        }
    }

    /** Objects kept alive for remote proxies. */
    synchronized int objectCount() {
        return byId.size();
    }

    /** Outstanding references over all objects. */
    synchronized int referenceCount() {
        return refCount;
    }

    synchronized void clear() {
        byObject.clear();
        byId.clear();
        refCount = 0;
    }
}

package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.wire.Serializer;

/**
 * The clients a server has heard from, with the serializer each used last (its replies and its
 * disconnect notice use it). Bounded: the least recently heard-from are forgotten first, so a
 * flood of identities cannot grow it without limit. Used by the server's own thread only.
 */
final class KnownCallers {
    private final Map<ByteBuffer, Serializer> callers;

    KnownCallers(int capacity) {
        this.callers = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Serializer> eldest) {
                return size() > capacity;
            }
        };
    }

    private byte[] lastIdentity;
    private Serializer lastSerializer;

    void remember(byte[] identity, Serializer serializer) {
        if (serializer == lastSerializer && java.util.Arrays.equals(identity, lastIdentity)) {
            return;   // the same caller again (the common case): already known
        }
        callers.put(ByteBuffer.wrap(identity), serializer);
        lastIdentity = identity;
        lastSerializer = serializer;
    }

    /** Forgets a caller whose connection ended. */
    void forget(byte[] identity) {
        callers.remove(ByteBuffer.wrap(identity));
        if (java.util.Arrays.equals(identity, lastIdentity)) {
            lastIdentity = null;
            lastSerializer = null;
        }
    }

    /** Every known caller except {@code except} (may be null), with its serializer. */
    List<Map.Entry<byte[], Serializer>> allExcept(byte[] except) {
        ByteBuffer skip = except == null ? null : ByteBuffer.wrap(except);
        List<Map.Entry<byte[], Serializer>> out = new ArrayList<>(callers.size());
        for (Map.Entry<ByteBuffer, Serializer> e : callers.entrySet()) {
            if (!e.getKey().equals(skip)) {
                out.add(Map.entry(e.getKey().array(), e.getValue()));
            }
        }
        return out;
    }

    int size() {
        return callers.size();
    }
}

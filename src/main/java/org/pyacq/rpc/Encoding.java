package org.pyacq.rpc;

import java.nio.ByteBuffer;
import org.pyacq.wire.FrameBuffer;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.ValueMapper;

/**
 * Encodes frames through a per-thread scratch buffer. Encoding can nest on one thread (sending a
 * proxy to a third server asks that server for a fresh reference mid-encoding), so a busy scratch
 * buffer is never shared: the nested encoding gets its own.
 */
final class Encoding {
    private static final int KEEP_LIMIT = 1 << 20;
    private static final ThreadLocal<FrameBuffer> SCRATCH = ThreadLocal.withInitial(() -> FrameBuffer.heap(4096));
    private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Encoding() {
    }

    /** The encoded value as a new buffer the caller may hand to a socket. */
    static ByteBuffer encode(Serializer serializer, Object value, ValueMapper mapper) {
        if (BUSY.get()) {
            FrameBuffer own = FrameBuffer.heap(1024);
            serializer.encode(value, mapper, own);
            return ByteBuffer.wrap(own.toByteArray());
        }
        BUSY.set(Boolean.TRUE);
        FrameBuffer out = SCRATCH.get();
        try {
            out.clear();
            serializer.encode(value, mapper, out);
            return ByteBuffer.wrap(out.toByteArray());
        } finally {
            BUSY.set(Boolean.FALSE);
            if (out.capacity() > KEEP_LIMIT) {
                SCRATCH.remove();
            }
        }
    }
}

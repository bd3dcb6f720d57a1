package org.pyacq.rpc;

import java.nio.ByteBuffer;
import org.pyacq.transport.LargeFrames;
import org.pyacq.wire.FrameBuffer;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.ValueMapper;

/**
 * Encodes frames through a per-thread scratch buffer. Small frames are copied out into a heap
 * array of their exact size (the scratch is reused). Large frames (arrays) are encoded straight
 * into a pooled direct buffer, which is handed to the socket as it is: one copy from the Java
 * array, none on the way to the kernel (see {@link LargeFrames}).
 *
 * <p>Encoding can nest on one thread (sending a proxy to a third server asks that server for a
 * fresh reference mid-encoding), so a busy scratch buffer is never shared: the nested encoding
 * gets its own.
 */
final class Encoding {
    private static final int SCRATCH_SIZE = 4096;
    private static final ThreadLocal<FrameBuffer> SCRATCH = ThreadLocal.withInitial(Encoding::newBuffer);
    private static final ThreadLocal<Boolean> BUSY = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Encoding() {
    }

    private static FrameBuffer newBuffer() {
        return FrameBuffer.using(c -> c < LargeFrames.THRESHOLD ? ByteBuffer.allocate(c) : LargeFrames.allocate(c),
                b -> {
                    if (b.isDirect()) {
                        LargeFrames.release(b);
                    }
                }, SCRATCH_SIZE);
    }

    /**
     * The encoded value, ready for a socket: a heap buffer of exactly its size, or a pooled direct
     * buffer (position 0, limit = size) to send with {@link LargeFrames#send}.
     */
    static ByteBuffer encode(Serializer serializer, Object value, ValueMapper mapper) {
        if (BUSY.get()) {
            return finish(newBuffer(), serializer, value, mapper);
        }
        BUSY.set(Boolean.TRUE);
        try {
            return finish(SCRATCH.get(), serializer, value, mapper);
        } finally {
            BUSY.set(Boolean.FALSE);
        }
    }

    private static ByteBuffer finish(FrameBuffer out, Serializer serializer, Object value, ValueMapper mapper) {
        out.clear();
        try {
            serializer.encode(value, mapper, out);
        } catch (RuntimeException e) {
            if (out.isDirect()) {
                LargeFrames.release(out.detach(SCRATCH_SIZE));
            }
            throw e;
        }
        if (out.isDirect()) {
            return out.detach(SCRATCH_SIZE);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}

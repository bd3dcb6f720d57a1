package org.pyacq.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A growable output for one frame, backed by a heap or direct {@link ByteBuffer}. Large arrays
 * are written into it with bulk copies; the transport sends {@link #frame()} without further copying.
 * Not thread-safe; reuse it with {@link #clear()}.
 */
public final class FrameBuffer {
    private final IntFunction<ByteBuffer> allocator;
    private ByteBuffer buf;

    private FrameBuffer(IntFunction<ByteBuffer> allocator, int initialCapacity) {
        this.allocator = allocator;
        this.buf = allocator.apply(Math.max(16, initialCapacity));
    }

    /** A buffer on the Java heap. */
    public static FrameBuffer heap(int initialCapacity) {
        return new FrameBuffer(ByteBuffer::allocate, initialCapacity);
    }

    /** A buffer whose storage comes from {@code allocator} (e.g. a pool of direct buffers). */
    public static FrameBuffer using(IntFunction<ByteBuffer> allocator, int initialCapacity) {
        return new FrameBuffer(allocator, initialCapacity);
    }

    /** Makes room for {@code n} more bytes and returns the buffer to write them at its position. */
    public ByteBuffer ensureRemaining(int n) {
        if (buf.remaining() < n) {
            long needed = (long) buf.position() + n;
            if (needed > Integer.MAX_VALUE - 16) {
                throw new WireFormatException("frame would exceed 2 GiB");
            }
            long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, buf.capacity() * 2L));
            ByteBuffer bigger = allocator.apply((int) grown);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }

    /** Bytes written so far. */
    public int size() {
        return buf.position();
    }

    /** The bytes written so far, as a buffer positioned at 0 (shares storage with this). */
    public ByteBuffer frame() {
        return buf.duplicate().flip();
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        if (buf.hasArray() && buf.arrayOffset() == 0) {
            return Arrays.copyOf(buf.array(), buf.position());
        }
        byte[] out = new byte[buf.position()];
        frame().get(out);
        return out;
    }

    /** Forgets the content and keeps the storage. */
    public void clear() {
        buf.clear();
    }

    /** The capacity of the current storage. */
    public int capacity() {
        return buf.capacity();
    }
}

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
    private final java.util.function.Consumer<ByteBuffer> release;
    private ByteBuffer buf;

    private FrameBuffer(IntFunction<ByteBuffer> allocator, java.util.function.Consumer<ByteBuffer> release,
            int initialCapacity) {
        this.allocator = allocator;
        this.release = release;
        this.buf = allocator.apply(Math.max(16, initialCapacity));
    }

    /** A buffer on the Java heap. */
    public static FrameBuffer heap(int initialCapacity) {
        return new FrameBuffer(ByteBuffer::allocate, b -> { }, initialCapacity);
    }

    /** A buffer whose storage comes from {@code allocator}. */
    public static FrameBuffer using(IntFunction<ByteBuffer> allocator, int initialCapacity) {
        return new FrameBuffer(allocator, b -> { }, initialCapacity);
    }

    /**
     * A buffer whose storage comes from {@code allocator} (e.g. a pool of direct buffers); storage
     * outgrown on the way goes back through {@code release}.
     */
    public static FrameBuffer using(IntFunction<ByteBuffer> allocator, java.util.function.Consumer<ByteBuffer> release,
            int initialCapacity) {
        return new FrameBuffer(allocator, release, initialCapacity);
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
            release.accept(buf);
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

    /**
     * Hands over the storage itself, flipped (position 0, limit = bytes written), for sending
     * without a copy; this buffer starts afresh with new storage of {@code nextCapacity} bytes.
     */
    public ByteBuffer detach(int nextCapacity) {
        ByteBuffer out = buf.flip();
        buf = allocator.apply(Math.max(16, nextCapacity));
        return out;
    }

    /** True if the storage is direct memory. */
    public boolean isDirect() {
        return buf.isDirect();
    }

    /** The capacity of the current storage. */
    public int capacity() {
        return buf.capacity();
    }
}

package org.pyacq.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Direct buffers for large outgoing frames, reused once JeroMQ has written them out.
 *
 * <p>Large frames must be sent from direct memory: from a heap array the JDK copies everything
 * not yet written into a temporary direct buffer on every partial socket write, which makes an
 * 80 MiB send copy gigabytes. But a fresh direct buffer per frame is slow too (it is zeroed, and
 * freed only by the garbage collector). So buffers are pooled; and since JeroMQ has no "sent"
 * callback, each frame goes out in a {@link TrackedMsg} that remembers the buffer view JeroMQ's
 * encoder writes from: when that view is used up, the buffer is free again. A frame that is never
 * written (its peer vanished) keeps its buffer out of the pool, which then allocates anew.
 *
 * <p>Thread-safe; the process has one pool (sized by {@link #MAX_POOLED}).
 */
public final class LargeFrames {
    /** Frames at least this big are worth a pooled direct buffer. */
    public static final int THRESHOLD = 256 * 1024;
    static final int MAX_POOLED = 6;
    private static final long MAX_POOLED_BYTES = 1L << 30;

    private static final class Entry {
        final ByteBuffer buffer;
        volatile TrackedMsg lastSent;
        boolean leased;

        Entry(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        boolean reusable() {
            TrackedMsg m = lastSent;
            return !leased && (m == null || m.written());
        }
    }

    private static final List<Entry> POOL = new ArrayList<>();

    private LargeFrames() {
    }

    /** A direct buffer of at least {@code capacity} bytes, positioned at 0, for one outgoing frame. */
    public static ByteBuffer allocate(int capacity) {
        synchronized (POOL) {
            Entry best = null;
            for (Entry e : POOL) {
                if (e.buffer.capacity() >= capacity && e.reusable()
                        && (best == null || e.buffer.capacity() < best.buffer.capacity())) {
                    best = e;
                }
            }
            if (best != null) {
                best.leased = true;
                best.lastSent = null;
                return best.buffer.clear();
            }
            long grown = Math.min(Integer.MAX_VALUE - 64L, capacity + Math.max(64 * 1024L, capacity / 16L));
            ByteBuffer fresh = ByteBuffer.allocateDirect((int) grown);
            Entry e = new Entry(fresh);
            e.leased = true;
            if (POOL.size() >= MAX_POOLED || pooledBytes() + grown > MAX_POOLED_BYTES) {
                evictOne();
            }
            if (POOL.size() < MAX_POOLED) {
                POOL.add(e);
            }
            return fresh;
        }
    }

    /** Gives back a buffer from {@link #allocate} that was not sent after all. */
    public static void release(ByteBuffer buffer) {
        synchronized (POOL) {
            for (Entry e : POOL) {
                if (e.buffer == buffer) {
                    e.leased = false;
                    return;
                }
            }
        }
    }

    /**
     * Sends bytes 0 to the limit of {@code frame} (a buffer from {@link #allocate}, not a view of
     * it) without copying; the buffer returns to the pool once written. Other buffers are sent as
     * they are.
     */
    public static void send(ZMQ.Socket socket, ByteBuffer frame, int flags) {
        ByteBuffer exact = frame.duplicate().position(0).slice(0, frame.limit());
        TrackedMsg msg = new TrackedMsg(exact);
        Entry entry = null;
        synchronized (POOL) {
            for (Entry e : POOL) {
                if (e.buffer == frame) {
                    entry = e;
                    break;
                }
            }
        }
        if (!socket.sendMsg(msg, flags)) {
            if (entry != null) {
                release(entry.buffer);
            }
            throw new TransportException("could not queue a frame of " + frame.limit() + " bytes");
        }
        if (entry != null) {
            synchronized (POOL) {
                entry.lastSent = msg;
                entry.leased = false;
            }
        }
    }

    private static long pooledBytes() {
        long n = 0;
        for (Entry e : POOL) {
            n += e.buffer.capacity();
        }
        return n;
    }

    /** Drops a free (or stuck) entry, largest first, leaving its memory to the garbage collector. */
    private static void evictOne() {
        Entry victim = null;
        for (Entry e : POOL) {
            if (!e.leased && (victim == null || e.buffer.capacity() > victim.buffer.capacity())) {
                victim = e;
            }
        }
        if (victim != null) {
            POOL.remove(victim);
        }
    }

    /** Buffers in the pool (for tests and diagnostics). */
    static int pooled() {
        synchronized (POOL) {
            return POOL.size();
        }
    }

    /**
     * A message that remembers the view of its data that JeroMQ's encoder takes ({@code buf()} is
     * called once when the frame starts going out); when that view has no bytes left, the frame has
     * been handed to the kernel.
     */
    static final class TrackedMsg extends zmq.Msg {
        private volatile ByteBuffer handedOut;

        TrackedMsg(ByteBuffer data) {
            super(data);
        }

        @Override
        public ByteBuffer buf() {
            ByteBuffer view = super.buf();
            handedOut = view;
            return view;
        }

        boolean written() {
            ByteBuffer view = handedOut;
            return view != null && view.limit() == size() && !view.hasRemaining();
        }
    }
}

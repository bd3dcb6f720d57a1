package org.pyacq.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * Where JeroMQ puts the frames our RPC sockets receive: small ones on the heap, large ones (at
 * least {@link LargeFrames#THRESHOLD}) in reused direct buffers. A large frame read into direct
 * memory costs no humongous heap array and no JDK copy through a temporary direct buffer; reusing
 * the buffers spares zeroing and page faults. A buffer is reused only once its receiver has
 * decoded the frame and handed it back with {@link Frames#release}; a frame never handed back is
 * simply left to the garbage collector.
 *
 * <p>Thread-safe: JeroMQ's I/O thread allocates, socket owners hand back. One per process.
 */
final class ReceiveBuffers implements MsgAllocator {
    static final ReceiveBuffers INSTANCE = new ReceiveBuffers();

    /** Free buffers kept for the next large frames. */
    private static final int MAX_FREE = 2;
    /** Large frames handed out and not yet given back that we still remember (oldest forgotten first). */
    private static final int MAX_LEASED = 4;

    /** A large received frame: remembers the storage it was read into. */
    static final class LeasedMsg extends Msg {
        final ByteBuffer storage;

        LeasedMsg(ByteBuffer storage, int size) {
            // position 0: JeroMQ 0.6.0 reads a message's buffer from index 0, whatever its position
            super(storage.clear().slice(0, size));
            this.storage = storage;
        }
    }

    private record Lease(ByteBuffer frame, ByteBuffer storage) {
    }

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final List<Lease> leased = new ArrayList<>();

    private ReceiveBuffers() {
    }

    /** On JeroMQ's I/O thread, for each incoming frame. */
    @Override
    public Msg allocate(int size) {
        if (size < LargeFrames.THRESHOLD) {
            return new Msg(size);
        }
        return new LeasedMsg(take(size), size);
    }

    synchronized ByteBuffer take(int size) {
        for (Iterator<ByteBuffer> it = free.iterator(); it.hasNext(); ) {
            ByteBuffer b = it.next();
            if (b.capacity() >= size) {
                it.remove();
                return b;
            }
        }
        return ByteBuffer.allocateDirect(size);
    }

    /** Notes that {@code frame} (the view the receiver got) lives in {@code storage}. Receiving thread. */
    synchronized void lease(ByteBuffer frame, ByteBuffer storage) {
        if (leased.size() >= MAX_LEASED) {
            leased.remove(0);
        }
        leased.add(new Lease(frame, storage));
    }

    /** Takes back the storage of {@code frame} if it is a leased large frame; otherwise does nothing. */
    synchronized void giveBack(ByteBuffer frame) {
        for (int i = 0; i < leased.size(); i++) {
            if (leased.get(i).frame() == frame) {
                ByteBuffer storage = leased.remove(i).storage();
                if (free.size() >= MAX_FREE) {
                    free.pollFirst();
                }
                free.addLast(storage);
                return;
            }
        }
    }
}

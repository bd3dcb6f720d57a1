package org.pyacq.bench;

import java.nio.ByteBuffer;
import zmq.Msg;
import zmq.msg.MsgAllocator;

/**
 * Receives large frames into one reused direct buffer instead of a fresh one per frame (JeroMQ's
 * default, which leaves 80 MiB buffers to the GC and slows down run after run); small frames go
 * to the heap as usual.
 *
 * <p>Only correct when a socket has at most one large frame alive at a time, as in the echo line:
 * the peer sends the next large frame only after it has received the whole previous echo, and by
 * then this side has finished both reading that frame and writing its echo out.
 */
final class ReusedBufferAllocator implements MsgAllocator {
    /** The size above which JeroMQ itself switches to direct buffers. */
    private static final int DIRECT_ABOVE = 1 << 20;

    private ByteBuffer buffer;

    /** Runs on the socket's I/O thread. */
    @Override
    public synchronized Msg allocate(int size) {
        if (size <= DIRECT_ABOVE) {
            return new Msg(size);
        }
        if (buffer == null || buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(size);
        }
        // position 0: JeroMQ 0.6.0 reads and writes a message's buffer from index 0, whatever its position
        return new Msg(buffer.slice(0, size));
    }
}

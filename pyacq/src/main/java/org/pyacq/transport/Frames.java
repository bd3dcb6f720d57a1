package org.pyacq.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** Reading and writing multipart messages without copying frame contents. */
public final class Frames {
    private Frames() {
    }

    /** A received multipart message: its frames, and how many frames it really had. */
    public record Received(List<ByteBuffer> frames, int count) {
        /** True if the message had more frames than were kept. */
        public boolean truncated() {
            return count > frames.size();
        }
    }

    /**
     * Reads one whole multipart message if one is ready, else returns null. Keeps at most
     * {@code maxFrames} frames (the rest are read and dropped, so a hostile peer cannot make us
     * buffer without bound); {@link Received#count()} tells how many there were.
     */
    public static Received receive(ZMQ.Socket socket, int maxFrames) {
        zmq.Msg first = socket.base().recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<ByteBuffer> frames = new ArrayList<>(Math.min(maxFrames, 8));
        frames.add(view(first));
        int count = 1;
        boolean more = first.hasMore();
        while (more) {
            zmq.Msg next = socket.base().recv(0);
            if (next == null) {
                break;
            }
            count++;
            if (frames.size() < maxFrames) {
                frames.add(view(next));
            }
            more = next.hasMore();
        }
        return new Received(frames, count);
    }

    private static ByteBuffer view(zmq.Msg msg) {
        ByteBuffer frame = msg.buf();
        if (msg instanceof ReceiveBuffers.LeasedMsg leased) {
            ReceiveBuffers.INSTANCE.lease(frame, leased.storage);
        }
        return frame;
    }

    /**
     * Hands back a received frame once it is decoded and nothing refers to it any more, so that a
     * large frame's direct buffer can take the next large frame. Does nothing for other buffers.
     */
    public static void release(ByteBuffer frame) {
        if (frame != null && frame.isDirect()) {
            ReceiveBuffers.INSTANCE.giveBack(frame);
        }
    }

    /** Reads one single-frame message if one is ready (dropping any extra frames), else null. */
    public static ByteBuffer receiveOne(ZMQ.Socket socket) {
        Received r = receive(socket, 1);
        return r == null ? null : r.frames().get(0);
    }

    /**
     * Sends the frames as one message. Nothing is copied: do not reuse the arrays or buffers. A
     * direct {@code last} buffer must come from {@link LargeFrames#allocate} (it returns to its pool).
     */
    public static void send(ZMQ.Socket socket, byte[][] head, ByteBuffer last) {
        for (byte[] frame : head) {
            if (!socket.send(frame, ZMQ.SNDMORE)) {
                throw notQueued(socket);
            }
        }
        sendLast(socket, last);
    }

    /**
     * A send that a socket with a send timeout gave up on: a DEALER has nowhere to queue a message
     * once its connection was refused (its pipe is gone until a handshake succeeds).
     */
    private static TransportException notQueued(ZMQ.Socket socket) {
        return new TransportException("no connection took the message within " + socket.getSendTimeOut()
                + " ms (the server refused the handshake, or is gone)");
    }

    /** Sends {@code identity} then {@code body}: a reply through a ROUTER socket. */
    public static void sendTo(ZMQ.Socket router, byte[] identity, ByteBuffer body) {
        router.send(identity, ZMQ.SNDMORE);
        sendLast(router, body);
    }

    private static void sendLast(ZMQ.Socket socket, ByteBuffer body) {
        if (body.isDirect()) {
            LargeFrames.send(socket, body, 0);
        } else {
            // sendByteBuffer sends from index 0 whatever the position (JeroMQ 0.6.0), so pass a slice
            if (socket.sendByteBuffer(body.position() == 0 ? body : body.slice(), 0) < 0) {
                throw notQueued(socket);
            }
        }
    }
}

package org.pyacq.transport;

import java.time.Duration;
import java.util.Objects;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A PUSH socket connected to one receiver, in a context of its own so that closing it can wait
 * for the messages it still holds (a log sender's last records). Owned by one thread; only
 * {@link #wakeup()} may be called from others.
 *
 * <pre>{@code
 * PushSender out = PushSender.connect(address, security, 1000, watch);
 * if (!out.trySend(record)) out.awaitChange(timeoutNanos);   // full: wait for room
 * out.close(Duration.ofSeconds(2));                          // lets queued messages go first
 * }</pre>
 */
public final class PushSender implements Waker {
    private final ZContext context;
    private final ZMQ.Socket socket;
    private final SocketPoller poller = new SocketPoller();

    private PushSender(ZContext context, ZMQ.Socket socket) {
        this.context = context;
        this.socket = socket;
        poller.register(socket);
    }

    /**
     * Connects to {@code address}; at most {@code sendHwm} messages queue while the receiver is
     * absent or slow. {@code watch} (may be null) follows the connection's handshakes.
     */
    public static PushSender connect(String address, TransportSecurity security, int sendHwm, HandshakeWatch watch) {
        Objects.requireNonNull(security, "security");
        ZContext context = new ZContext(1);
        try {
            return new PushSender(context, Sockets.connectPush(context, address, security, sendHwm, 0, watch));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Queues one message without waiting; false if the queue is full. */
    public boolean trySend(byte[] message) {
        return socket.send(message, ZMQ.DONTWAIT);
    }

    /** Waits at most {@code timeoutNanos} for a change on the socket (room to send) or a {@link #wakeup()}. */
    public void awaitChange(long timeoutNanos) {
        poller.await(timeoutNanos);
    }

    @Override
    public void wakeup() {
        poller.wakeup();
    }

    /** Closes, letting queued messages go out for at most {@code linger}. Owner thread. */
    public void close(Duration linger) {
        poller.unregister(socket);
        socket.setLinger((int) Math.min(Integer.MAX_VALUE, Math.max(0, linger.toMillis())));
        socket.close();
        context.close();   // waits until the socket has sent what it holds, or its linger ran out
        poller.close();
    }
}

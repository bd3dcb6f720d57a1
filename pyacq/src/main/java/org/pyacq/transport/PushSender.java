package org.pyacq.transport;

import java.time.Duration;
import java.util.Objects;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A PUSH socket connected to one receiver, in a context of its own so that closing it can wait
 * for the messages it still holds (a log sender's last records). Owned by one thread, which waits
 * for room on the caller's {@link SocketPoller} (so wake-ups sent before the socket exists count).
 *
 * <pre>{@code
 * PushSender out = PushSender.connect(address, security, 1000, watch, poller);
 * if (!out.trySend(record)) poller.await(timeoutNanos);   // full: wait for room
 * out.close(Duration.ofSeconds(2));                       // lets queued messages go first
 * }</pre>
 */
public final class PushSender {
    private final ZContext context;
    private final ZMQ.Socket socket;
    private final SocketPoller poller;

    private PushSender(ZContext context, ZMQ.Socket socket, SocketPoller poller) {
        this.context = context;
        this.socket = socket;
        this.poller = poller;
        poller.register(socket);
    }

    /**
     * Connects to {@code address}; at most {@code sendHwm} messages queue while the receiver is
     * absent or slow. {@code watch} (may be null) follows the connection's handshakes; {@code poller}
     * watches the socket until {@link #close}.
     */
    public static PushSender connect(String address, TransportSecurity security, int sendHwm, HandshakeWatch watch,
            SocketPoller poller) {
        SocketOptions options = SocketOptions.builder().sendHwm(sendHwm)
                .maxMessageBytes(Sockets.CONTROL_MAX_MESSAGE_BYTES).build();
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(poller, "poller");
        ZContext context = new ZContext(1);
        try {
            return new PushSender(context, ClientSockets.connectPush(context, address, security, options, watch), poller);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Queues one message without waiting; false if the queue is full. */
    public boolean trySend(byte[] message) {
        return socket.send(message, ZMQ.DONTWAIT);
    }

    /** Closes (and stops the poller watching it), letting queued messages go out for at most {@code linger}. Owner thread. */
    public void close(Duration linger) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(0, linger.toMillis()));
        poller.unregister(socket);
        socket.setLinger(millis);
        context.setLinger(millis);   // the context applies its own linger to the sockets it closes
        socket.close();
        context.close();   // waits until the socket has sent what it holds, or its linger ran out
    }
}

package org.pyacq.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The PAIR channel between a spawning parent and its new child: the parent binds it on loopback
 * and waits for the child's status (its address, or why it failed), the child connects and sends
 * that status until the parent acknowledges. A bound link drops a stalled handshake quickly (see
 * {@link Sockets}). Owned by one thread; only {@link #wakeup()} may be called from others.
 *
 * <pre>{@code
 * try (BootstrapLink link = BootstrapLink.bind(security)) {       // parent
 *     start the child with link.endpoint() ...
 *     link.arm();
 *     ByteBuffer status = link.receive();                         // null: none yet
 *     if (status == null) link.awaitReadable(remainingNanos);
 *     link.send("OK");
 * }
 * }</pre>
 */
public final class BootstrapLink implements AutoCloseable, Waker {
    private final ZMQ.Socket socket;
    private final SocketWaiter waiter;

    private BootstrapLink(ZMQ.Socket socket) {
        this.socket = socket;
        this.waiter = new SocketWaiter(socket);
    }

    /** The parent's end, bound to a port of loopback the system chooses. */
    public static BootstrapLink bind(TransportSecurity security) {
        Objects.requireNonNull(security, "security");
        return new BootstrapLink(ServerSockets.bind(SocketType.PAIR, "tcp://127.0.0.1:*", security,
                SocketOptions.builder().maxMessageBytes(Sockets.CONTROL_MAX_MESSAGE_BYTES).build()));
    }

    /** The child's end, connected to the parent's {@code address}. */
    public static BootstrapLink connect(String address, TransportSecurity security) {
        Objects.requireNonNull(security, "security");
        return new BootstrapLink(ClientSockets.connect(SocketType.PAIR, address, security, 1000));
    }

    /** The bound end's address, for the child. */
    public String endpoint() {
        return Sockets.endpoint(socket);
    }

    /** Forgets earlier wake-ups; call before checking what they signal (see {@link SocketWaiter}). */
    public void arm() {
        waiter.arm();
    }

    /** Waits at most {@code timeoutNanos} (negative: no limit) for a message; false after a timeout or wake-up. */
    public boolean awaitReadable(long timeoutNanos) {
        return waiter.awaitReadable(timeoutNanos);
    }

    @Override
    public void wakeup() {
        waiter.wakeup();
    }

    /** A one-frame message if one is ready (extra frames dropped), else null. */
    public ByteBuffer receive() {
        return SocketPoller.readable(socket) ? Frames.receiveOne(socket) : null;
    }

    /** Waits at most {@code timeout} for a message; null if none came. */
    public byte[] receive(Duration timeout) {
        socket.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        return socket.recv();
    }

    /** Sends one message without waiting; false if it cannot be queued now. */
    public boolean trySend(byte[] message) {
        return socket.send(message, ZMQ.DONTWAIT);
    }

    /** Sends one text message, waiting for room if the queue is full (the peer is connected). */
    public boolean send(String message) {
        return socket.send(Sockets.ascii(message), 0);
    }

    @Override
    public void close() {
        waiter.close();
        socket.close();
    }
}

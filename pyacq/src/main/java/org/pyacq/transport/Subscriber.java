package org.pyacq.transport;

import java.util.Objects;
import org.zeromq.ZMQ;

/**
 * A SUB socket connected to a {@link Publisher}, subscribed to everything (following the
 * daemon's live log). Owned by one thread; only {@link #wakeup()} may be called from others.
 */
public final class Subscriber implements AutoCloseable, Waker {
    private final ZMQ.Socket socket;
    private final SocketPoller poller = new SocketPoller();

    private Subscriber(ZMQ.Socket socket) {
        this.socket = socket;
        poller.register(socket);
    }

    /** Connects and subscribes now; messages over {@code maxMessageBytes} drop the connection. */
    public static Subscriber connect(String address, TransportSecurity security, long maxMessageBytes) {
        Objects.requireNonNull(security, "security");
        return new Subscriber(ClientSockets.connectSubscriber(address, security, maxMessageBytes));
    }

    /** The next message if one is ready, else null. */
    public byte[] tryReceive() {
        return SocketPoller.readable(socket) ? socket.recv(ZMQ.DONTWAIT) : null;
    }

    /** Waits at most {@code timeoutNanos} for a change on the socket or a {@link #wakeup()}. */
    public void awaitChange(long timeoutNanos) {
        poller.await(timeoutNanos);
    }

    @Override
    public void wakeup() {
        poller.wakeup();
    }

    @Override
    public void close() {
        poller.unregister(socket);
        socket.close();
        poller.close();
    }
}

package org.pyacq.transport;

import java.time.Duration;
import java.util.Objects;
import org.zeromq.ZMQ;

/**
 * A bound PULL socket that many senders push one-frame messages to (the log server's inbox).
 * Owned by one thread; only {@link #wakeup()} may be called from others.
 *
 * <pre>{@code
 * SocketOptions limits = SocketOptions.builder().maxMessageBytes(64 << 10).receiveHwm(1000).build();
 * try (PullReceiver in = PullReceiver.bind("tcp://127.0.0.1:*", security, limits)) {
 *     in.arm();
 *     Frames.Received m = in.receive(1);      // null if nothing is ready
 *     if (m == null) in.awaitReadable(-1);    // until a message or wakeup()
 * }
 * }</pre>
 */
public final class PullReceiver implements AutoCloseable, Waker {
    private final ZMQ.Socket socket;
    private final SocketWaiter waiter;
    private final String endpoint;

    private PullReceiver(ZMQ.Socket socket) {
        this.socket = socket;
        this.waiter = new SocketWaiter(socket);
        this.endpoint = Sockets.endpoint(socket);
    }

    /**
     * Binds {@code address}; messages over the options' {@code maxMessageBytes} disconnect their
     * sender, and at most {@code receiveHwm} wait per sender (not with CURVE: see {@link CurveSecurity}).
     *
     * @throws InsecureBindException if a plain socket would bind a non-loopback address without permission
     * @throws TransportException if the address cannot be bound
     */
    public static PullReceiver bind(String address, TransportSecurity security, SocketOptions options) {
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(options, "options");
        return new PullReceiver(ServerSockets.bindPull(address, security, options));
    }

    /** The address senders connect to, e.g. {@code tcp://127.0.0.1:53411}. */
    public String endpoint() {
        return endpoint;
    }

    /** Reads one message if one is ready (keeping at most {@code maxFrames} frames), else null. */
    public Frames.Received receive(int maxFrames) {
        return SocketPoller.readable(socket) ? Frames.receive(socket, maxFrames) : null;
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

    /** Unbinds (waiting up to 2 s until the address is free again) and closes. Owner thread. */
    @Override
    public void close() {
        waiter.close();
        ServerSockets.unbindAndClose(socket, Duration.ofSeconds(2));
    }
}

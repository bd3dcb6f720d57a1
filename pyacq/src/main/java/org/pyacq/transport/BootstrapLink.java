package org.pyacq.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The PAIR channel between a spawning parent and its new child: the parent binds it on loopback
 * and waits for the child's status (its address, or why it failed), the child connects and sends
 * that status until the parent acknowledges. A bound link drops a stalled handshake quickly (see
 * {@link Sockets}), and binds itself again at the same port when nothing has come for
 * {@link #REBIND_AFTER} (see {@link #awaitReadable}). Owned by one thread; only {@link #wakeup()}
 * may be called from others.
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
    /**
     * How long a bound link waits for a message before it binds again at its port. JeroMQ gives a
     * bound PAIR's one peer slot to a connection as soon as it is accepted, before its handshake:
     * while a stalled connection (JEROMQ-NOTES.md) holds the slot, the child's next connection
     * completes its handshake but its pipe is refused, and it stays up and silent for good, even
     * after the stalled one is dropped (the child never re-dials a connection that is up). This
     * stopped about one full test run in seven here ("did not report its address within 30000 ms").
     * A new socket at the same port drops both; the child's socket reconnects by itself with its
     * queued status and takes the free slot. A child still starting loses nothing by it.
     */
    static final Duration REBIND_AFTER = Duration.ofMillis(1500);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final TransportSecurity security;
    private final boolean bound;
    private volatile ZMQ.Socket socket;
    private volatile SocketWaiter waiter;
    private String endpoint;
    private long quietSince = System.nanoTime();
    private volatile int rebinds;
    private final AtomicBoolean woken = new AtomicBoolean();

    private BootstrapLink(ZMQ.Socket socket, TransportSecurity security, boolean bound) {
        this.socket = socket;
        this.waiter = new SocketWaiter(socket);
        this.security = security;
        this.bound = bound;
    }

    /** The parent's end, bound to a port of loopback the system chooses. */
    public static BootstrapLink bind(TransportSecurity security) {
        return bindAt("tcp://127.0.0.1:*", security);
    }

    /** The parent's end bound to {@code address} (tests bind a port they hold). */
    static BootstrapLink bindAt(String address, TransportSecurity security) {
        Objects.requireNonNull(security, "security");
        BootstrapLink link = new BootstrapLink(bindPair(address, security), security, true);
        link.endpoint = Sockets.endpoint(link.socket);
        return link;
    }

    private static ZMQ.Socket bindPair(String address, TransportSecurity security) {
        return ServerSockets.bind(SocketType.PAIR, address, security,
                SocketOptions.builder().maxMessageBytes(Sockets.CONTROL_MAX_MESSAGE_BYTES).build());
    }

    /** The child's end, connected to the parent's {@code address}. */
    public static BootstrapLink connect(String address, TransportSecurity security) {
        Objects.requireNonNull(security, "security");
        return new BootstrapLink(ClientSockets.connect(SocketType.PAIR, address, security, 1000), security, false);
    }

    /** How long a child sends its status on one connection before it dials a fresh one beside it. */
    static final Duration REDIAL_AFTER = Duration.ofSeconds(3);
    private static final int MAX_CHILD_LINKS = 3;

    /**
     * The child's side: sends {@code status} to the parent at {@code address} every
     * {@code intervalMillis} until the parent answers, at most {@code timeout}; returns the answer,
     * or null if none came. A connection whose session JeroMQ has ended for good (after a protocol
     * or authentication failure it never dials again) would otherwise keep the status in for the
     * whole wait: every {@link #REDIAL_AFTER} without an answer it dials a fresh socket, and it
     * listens on the earlier ones (at most three) for an answer that may still come there.
     */
    public static byte[] report(String address, TransportSecurity security, byte[] status, long intervalMillis,
            Duration timeout) {
        java.util.ArrayDeque<BootstrapLink> links = new java.util.ArrayDeque<>();
        try {
            links.addLast(connect(address, security));
            long start = System.nanoTime();
            long dialed = start;
            while (System.nanoTime() - start < timeout.toNanos()) {
                links.getLast().trySend(status);
                long slice = Math.max(1, intervalMillis / links.size());
                for (BootstrapLink link : links) {
                    byte[] answer = link.receive(Duration.ofMillis(slice));
                    if (answer != null) {
                        return answer;
                    }
                }
                if (System.nanoTime() - dialed >= REDIAL_AFTER.toNanos()) {
                    if (links.size() == MAX_CHILD_LINKS) {
                        links.removeFirst().close();
                    }
                    links.addLast(connect(address, security));
                    dialed = System.nanoTime();
                }
            }
            return null;
        } finally {
            links.forEach(BootstrapLink::close);
        }
    }

    /** The bound end's address, for the child; it stays the same when the link binds again. */
    public String endpoint() {
        return bound ? endpoint : Sockets.endpoint(socket);
    }

    /** How many times the bound end has bound again (see {@link #REBIND_AFTER}). */
    public int rebinds() {
        return rebinds;
    }

    /** Forgets earlier wake-ups; call before checking what they signal (see {@link SocketWaiter}). */
    public void arm() {
        woken.set(false);
        waiter.arm();
    }

    /**
     * Waits at most {@code timeoutNanos} (negative: no limit) for a message; false after a timeout
     * or wake-up. The bound end binds again at its port if nothing has come for {@link #REBIND_AFTER}.
     *
     * @throws TransportException if the port cannot be bound again (another process took it)
     */
    public boolean awaitReadable(long timeoutNanos) {
        if (!bound) {
            return waiter.awaitReadable(timeoutNanos);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = timeoutNanos < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (waiter.awaitReadable(Math.max(0, Math.min(left, SLICE_NANOS)))) {
                return true;
            }
            if (woken.get() || left <= SLICE_NANOS) {
                return false;   // woken, or timed out
            }
            if (System.nanoTime() - quietSince >= REBIND_AFTER.toNanos()) {
                rebind();
            }
        }
    }

    private void rebind() {
        waiter.close();
        socket.close();
        socket = bindPair(endpoint, security);
        waiter = new SocketWaiter(socket);   // a wake-up meanwhile is seen in the flag
        quietSince = System.nanoTime();
        rebinds = rebinds + 1;
    }

    @Override
    public void wakeup() {
        woken.set(true);
        waiter.wakeup();
    }

    /** A one-frame message if one is ready (extra frames dropped), else null. */
    public ByteBuffer receive() {
        if (!SocketPoller.readable(socket)) {
            return null;
        }
        quietSince = System.nanoTime();
        return Frames.receiveOne(socket);
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

package org.pyacq.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.zeromq.ZMQ;

/**
 * Where an RPC server receives its requests and sends its replies: a ZeroMQ ROUTER socket at the
 * server's address and, optionally, a same-host endpoint ({@link LocalRouter}) named after that
 * address. Both carry the same frames; a reply goes back by the path its request came by.
 *
 * <p>The thread that binds it owns it: it receives, sends, waits and closes. Other threads only
 * wake it, through {@link #waker()}.
 */
public final class ServerEndpoint implements AutoCloseable {
    private final ZMQ.Socket socket;
    private final String address;
    private final SocketWaiter waiter;
    private final SocketPoller poller;
    private volatile LocalRouter local;

    private ServerEndpoint(ZMQ.Socket socket) {
        this.socket = socket;
        this.address = ServerSockets.endpoint(socket);
        this.waiter = new SocketWaiter(socket);
        this.poller = new SocketPoller();
        poller.register(socket);
    }

    /**
     * Binds the ROUTER socket at {@code address} ({@code tcp://127.0.0.1:*} takes a free port),
     * taking requests of at most {@code maxMessageBytes}.
     *
     * @throws InsecureBindException if {@code security} is plain, the address is not loopback, and
     *     neither {@code allowInsecureRemote} nor the security allows that
     * @throws TransportException if the address cannot be bound
     */
    public static ServerEndpoint bind(String address, TransportSecurity security, long maxMessageBytes,
            boolean allowInsecureRemote) {
        ZMQ.Socket socket = ServerSockets.bind(org.zeromq.SocketType.ROUTER, address, security,
                SocketOptions.builder().lingerMillis(5000).maxMessageBytes(maxMessageBytes)
                        .allowInsecureRemote(allowInsecureRemote).build());
        try {
            return new ServerEndpoint(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Also listens on a same-host endpoint in {@code directory}, named after this endpoint's
     * address; {@code onDisconnect} hears the identity of each same-host client that goes away.
     *
     * @throws IOException if the socket file cannot be made (the ZeroMQ side keeps working)
     */
    public void openLocal(LocalDirectory directory, long maxMessageBytes, Consumer<byte[]> onDisconnect)
            throws IOException {
        if (local != null) {
            throw new IllegalStateException("the same-host endpoint of " + address + " is already open");
        }
        LocalRouter router = LocalRouter.bind(directory, address, maxMessageBytes);
        router.watchWith(poller);
        router.onDisconnect(onDisconnect);
        local = router;
    }

    /** The address clients connect to, e.g. {@code tcp://127.0.0.1:53411}. */
    public String address() {
        return address;
    }

    /** Reads one request (up to {@code maxFrames} frames) if one is waiting on either path; null if none. */
    public Frames.Received receive(int maxFrames) {
        Frames.Received msg = SocketPoller.readable(socket) ? Frames.receive(socket, maxFrames) : null;
        if (msg == null && local != null) {
            msg = local.receive(maxFrames);
        }
        return msg;
    }

    /** Sends {@code reply} to the client {@code identity}, by the path its request came by. */
    public void sendTo(byte[] identity, ByteBuffer reply) {
        if (local == null || !local.sendTo(identity, reply)) {
            Frames.sendTo(socket, identity, reply);
        }
    }

    /** Forgets earlier wake-ups; call before checking what other threads signal, then {@link #await}. */
    public void arm() {
        if (local == null) {
            waiter.arm();
        }
    }

    /**
     * Waits at most {@code timeoutNanos} (negative: no limit) for a request on either path or a
     * wake-up; may return early. Drain with {@link #receive} before waiting again.
     */
    public void await(long timeoutNanos) {
        if (local == null) {
            waiter.awaitReadable(timeoutNanos);
        } else {
            poller.await(timeoutNanos);
        }
    }

    /** Tells the wait that the owner found work since its last wait (see {@link SocketPoller#progress()}). */
    public void progress() {
        poller.progress();
    }

    /** What other threads call to end the owner's {@link #await}. */
    public Waker waker() {
        return local == null ? waiter : poller;
    }

    /**
     * A poller that watches both paths, for the owner thread to wait on them beside sockets of its
     * own (a server thread waiting for a reply keeps serving requests).
     */
    public SocketPoller poller() {
        return poller;
    }

    /** Open same-host connections (0 without a same-host endpoint). */
    public int localConnectionCount() {
        LocalRouter l = local;
        return l == null ? 0 : l.connectionCount();
    }

    /** The socket file of the same-host endpoint, if there is one. */
    public Optional<Path> localFile() {
        LocalRouter l = local;
        return l == null ? Optional.empty() : Optional.of(l.file());
    }

    /** Closes both paths; queued replies get the socket's linger time to leave. Owner thread. */
    @Override
    public void close() {
        waiter.close();
        if (local != null) {
            local.close();
            local = null;
        }
        poller.close();
        socket.close();
    }

    @Override
    public String toString() {
        return "ServerEndpoint[" + address + (local != null ? ", local " + local.file() : "") + "]";
    }
}

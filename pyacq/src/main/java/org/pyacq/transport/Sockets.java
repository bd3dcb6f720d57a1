package org.pyacq.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The socket settings this project relies on (constants), and the entry point of the RPC layer's
 * client sockets ({@link #connectDealer}); its server sockets are {@link ServerEndpoint}s. The work is split by job:
 * {@link ServerSockets} binds, {@link ClientSockets} connects, {@link SocketOptions} carries the
 * limits; other layers use transport's own types ({@link PullReceiver}, {@link PushSender},
 * {@link Publisher}, {@link Subscriber}, {@link BootstrapLink}). Call from the thread that will own
 * the socket; that thread (or the object it serves) closes it.
 */
public final class Sockets {
    /**
     * Handshake interval for connecting sockets. JeroMQ sometimes leaves a fresh connection silent
     * until the handshake interval runs out (30 s by default); a short interval makes it drop and
     * redial such a connection quickly, keeping queued messages (see JEROMQ-NOTES.md). A handshake
     * on a working connection takes milliseconds (CURVE included), so half a second is a wide
     * margin; a stall now costs half a second instead of 30.
     */
    public static final Duration CONNECT_HANDSHAKE = Duration.ofMillis(500);
    /**
     * How long a client's send may wait for somewhere to queue its message. A connecting DEALER
     * queues without limit while its peer is away; it only has nowhere to queue after a handshake
     * failed (a refused key: the connection's pipe is gone until a handshake succeeds), and then a
     * send without a timeout would wait forever.
     */
    static final Duration CLIENT_SEND_TIMEOUT = Duration.ofSeconds(2);
    /**
     * The default limit on one RPC message (requests and replies): big enough for 80 MiB arrays and
     * more, small enough that a peer cannot make us allocate without bound. A peer that sends a
     * bigger message is disconnected before anything is allocated for it.
     */
    /** Handshake interval of a bound PAIR socket (the bootstrap channel), longer than a connecting one's. */
    static final Duration PAIR_BIND_HANDSHAKE = Duration.ofSeconds(2);
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 512L << 20;
    /** The limit on messages of sockets that only carry small control messages (bootstrap status, subscriptions). */
    public static final long CONTROL_MAX_MESSAGE_BYTES = 64L << 10;
    /** How long binding an explicit port keeps trying while the port is reported in use. */
    static final Duration REBIND_WINDOW = Duration.ofSeconds(1);
    /*
     * Dead peers: a process that dies closes its TCP connections, which the connection watch sees
     * at once. For peers that vanish without closing (frozen host, broken network) we use TCP
     * keepalive rather than ZMTP heartbeats: in JeroMQ 0.6.0 a heartbeat timer can be re-armed on
     * an engine that has just died (StreamEngine.timerEvent re-adds it after unplug), which later
     * fires on a dead object and kills the I/O thread.
     */
    static void keepAlive(ZMQ.Socket s) {
        s.setTCPKeepAlive(1);
        s.setTCPKeepAliveIdle(10);
        s.setTCPKeepAliveInterval(2);
        s.setTCPKeepAliveCount(3);
    }

    private Sockets() {
    }

    /**
     * A DEALER connected to {@code address}, with {@code identity} as its routing id, taking
     * replies of at most {@link #DEFAULT_MAX_MESSAGE_BYTES}. {@code onConnectionLost} (may be null)
     * runs on JeroMQ's I/O thread when an established connection breaks; it must only set flags and
     * wake threads.
     */
    static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
            Runnable onConnectionLost) {
        return connectDealer(address, identity, security, DEFAULT_MAX_MESSAGE_BYTES,
                onConnectionLost == null ? null : onConnectionLost::run);
    }

    /**
     * A DEALER connected to {@code address}, with {@code identity} as its routing id, taking
     * messages of at most {@code maxMessageBytes}. {@code listener} (may be null) hears, on
     * JeroMQ's I/O thread, when an established connection breaks and when the server refuses this
     * client's key; it must only set flags and wake threads.
     */
    static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
            long maxMessageBytes, ConnectionWatch.Listener listener) {
        return ClientSockets.connectDealer(address, identity, security, maxMessageBytes, listener);
    }

    /**
     * A ROUTER bound to {@code address}, taking messages of at most {@code maxMessageBytes}; read the
     * real endpoint with {@link #endpoint}.
     *
     * @throws InsecureBindException if {@code security} is plain, the address is not loopback, and
     *     neither {@code allowInsecureRemote} nor the security allows that
     */
    static ZMQ.Socket bindRouter(String address, TransportSecurity security, long maxMessageBytes,
            boolean allowInsecureRemote) {
        return ServerSockets.bind(SocketType.ROUTER, address, security, SocketOptions.builder().lingerMillis(5000)
                .maxMessageBytes(maxMessageBytes).allowInsecureRemote(allowInsecureRemote).build());
    }

    /** A ROUTER bound to {@code address} with the default message limit; read the real endpoint with {@link #endpoint}. */
    static ZMQ.Socket bindRouter(String address, TransportSecurity security) {
        return bindRouter(address, security, DEFAULT_MAX_MESSAGE_BYTES, false);
    }

    /**
     * Refuses to bind a plain socket where other machines can reach it, unless explicitly allowed.
     *
     * @throws InsecureBindException saying why and what to do instead
     */
    public static void checkBindAllowed(String address, TransportSecurity security, boolean allowInsecureRemote) {
        ServerSockets.checkBindAllowed(address, security, allowInsecureRemote);
    }

    /** The address clients should use for a bound socket, e.g. {@code tcp://127.0.0.1:53411}. */
    static String endpoint(ZMQ.Socket bound) {
        return ServerSockets.endpoint(bound);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.pyacq.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/**
 * Creates sockets with the options this project relies on. Call from the thread that will own the
 * socket; that thread (or the object it serves) closes it.
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
    private static void keepAlive(ZMQ.Socket s) {
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
    public static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
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
    public static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
            long maxMessageBytes, ConnectionWatch.Listener listener) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.DEALER);
        try {
            s.setLinger(1000);
            s.setIdentity(identity);
            s.setHandshakeIvl((int) CONNECT_HANDSHAKE.toMillis());
            s.setSndHWM(0);
            s.setRcvHWM(0);
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMsgAllocator(ReceiveBuffers.INSTANCE);
            s.setMaxMsgSize(maxMessageBytes);
            keepAlive(s);
            security.applyToClient(s);
            if (listener != null) {
                ConnectionWatch.attach(s, listener);
            }
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A ROUTER bound to {@code address}, taking messages of at most {@code maxMessageBytes}; read the
     * real endpoint with {@link #endpoint}.
     *
     * @throws InsecureBindException if {@code security} is plain, the address is not loopback, and
     *     neither {@code allowInsecureRemote} nor the security allows that
     */
    public static ZMQ.Socket bindRouter(String address, TransportSecurity security, long maxMessageBytes,
            boolean allowInsecureRemote) {
        return bind(SocketType.ROUTER, address, security, 5000, maxMessageBytes, allowInsecureRemote);
    }

    /** A ROUTER bound to {@code address} with the default message limit; read the real endpoint with {@link #endpoint}. */
    public static ZMQ.Socket bindRouter(String address, TransportSecurity security) {
        return bindRouter(address, security, DEFAULT_MAX_MESSAGE_BYTES, false);
    }

    /**
     * A socket of {@code type} bound to {@code address} for small control messages (at most
     * {@link #CONTROL_MAX_MESSAGE_BYTES} received).
     */
    public static ZMQ.Socket bind(SocketType type, String address, TransportSecurity security, int lingerMillis) {
        return bind(type, address, security, lingerMillis, CONTROL_MAX_MESSAGE_BYTES, false);
    }

    /**
     * A socket of {@code type} bound to {@code address}, receiving messages of at most
     * {@code maxMessageBytes}.
     *
     * @throws InsecureBindException if {@code security} is plain, the address is not loopback, and
     *     neither {@code allowInsecureRemote} nor the security allows that
     */
    public static ZMQ.Socket bind(SocketType type, String address, TransportSecurity security, int lingerMillis,
            long maxMessageBytes, boolean allowInsecureRemote) {
        Endpoints.validate(address);
        checkBindAllowed(address, security, allowInsecureRemote);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(lingerMillis);
            s.setSndHWM(0);
            s.setRcvHWM(0);
            s.setMaxMsgSize(maxMessageBytes);
            if (type == SocketType.PAIR) {
                // a PAIR takes one peer: a connection whose handshake stalls must not hold it for the
                // default 30 s while the peer re-dials (its own interval is shorter)
                s.setHandshakeIvl((int) PAIR_BIND_HANDSHAKE.toMillis());
            }
            if (type == SocketType.ROUTER) {
                s.setMsgAllocator(ReceiveBuffers.INSTANCE);
                // a client that redials (after a stalled handshake) keeps its identity: route to the new connection
                s.setRouterHandover(true);
            }
            keepAlive(s);
            security.applyToServer(s);
            watchHandshakes(s, security);
            s.bind(address);
            return s;
        } catch (ZMQException e) {
            s.close();
            throw new TransportException(bindFailure(address, e), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Refuses to bind a plain socket where other machines can reach it, unless explicitly allowed.
     *
     * @throws InsecureBindException saying why and what to do instead
     */
    public static void checkBindAllowed(String address, TransportSecurity security, boolean allowInsecureRemote) {
        if (!security.isPlain() || allowInsecureRemote || security.allowsInsecureRemote()
                || Endpoints.isLoopback(address)) {
            return;
        }
        throw new InsecureBindException(address);
    }

    /** Logs failed CURVE handshakes of a server socket (a client that does not know its public key). */
    private static void watchHandshakes(ZMQ.Socket s, TransportSecurity security) {
        if (!security.isPlain()) {
            s.base().setEventHook(new ServerHandshakeWatch(), zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL);
        }
    }

    /** A socket of {@code type} connected to {@code address}, for small control messages (bootstrap status). */
    public static ZMQ.Socket connect(SocketType type, String address, TransportSecurity security, int lingerMillis) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(lingerMillis);
            s.setReconnectIVLMax(2000);
            s.setHandshakeIvl((int) CONNECT_HANDSHAKE.toMillis());
            s.setMaxMsgSize(CONTROL_MAX_MESSAGE_BYTES);
            security.applyToClient(s);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A PULL socket bound to {@code address} that takes messages of at most {@code maxMessageBytes}
     * (a peer that sends a bigger one is disconnected before anything is allocated for it) and
     * queues at most {@code receiveHwm} messages per peer, so a fast sender meets back-pressure (not
     * with CURVE security, whose receive queues must be unbounded: see {@link CurveSecurity}).
     */
    public static ZMQ.Socket bindPull(String address, TransportSecurity security, long maxMessageBytes,
            int receiveHwm) {
        return bindPull(address, security, maxMessageBytes, receiveHwm, false);
    }

    /**
     * Like {@link #bindPull(String, TransportSecurity, long, int)}; {@code allowInsecureRemote} lets a
     * plain socket bind an address that is not loopback.
     *
     * @throws InsecureBindException if a plain socket would bind a non-loopback address without permission
     */
    public static ZMQ.Socket bindPull(String address, TransportSecurity security, long maxMessageBytes,
            int receiveHwm, boolean allowInsecureRemote) {
        Endpoints.validate(address);
        checkBindAllowed(address, security, allowInsecureRemote);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.PULL);
        try {
            s.setLinger(0);
            s.setRcvHWM(receiveHwm);
            s.setMaxMsgSize(maxMessageBytes);
            keepAlive(s);
            security.applyToServer(s);
            watchHandshakes(s, security);
            bindRetryingBriefly(s, address);
            return s;
        } catch (ZMQException e) {
            s.close();
            throw new TransportException(bindFailure(address, e), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Binds, retrying for up to {@link #REBIND_WINDOW} while an explicit port is reported in use: a
     * port that a socket of this process has just released can stay held until JeroMQ's I/O thread
     * next polls (a channel registered with a selector is closed only when its key is deregistered).
     */
    private static void bindRetryingBriefly(ZMQ.Socket s, String address) {
        boolean explicitPort = !address.endsWith(":*") && !address.endsWith(":0");
        long deadline = System.nanoTime() + REBIND_WINDOW.toNanos();
        while (true) {
            try {
                s.bind(address);
                return;
            } catch (ZMQException e) {
                if (!explicitPort || e.getErrorCode() != ZError.EADDRINUSE || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    /**
     * A PUSH socket created in {@code context} and connected to {@code address}. It queues at most
     * {@code sendHwm} messages while the peer is absent or slow (then a non-blocking send fails).
     * A caller that needs its last messages delivered on exit uses a context of its own and
     * closes it after the socket: closing a context waits up to the linger for queued messages.
     * {@code watch} (may be null) follows the connection's handshakes.
     */
    public static ZMQ.Socket connectPush(ZContext context, String address, TransportSecurity security,
            int sendHwm, int lingerMillis, HandshakeWatch watch) {
        Endpoints.validate(address);
        ZMQ.Socket s = context.createSocket(SocketType.PUSH);
        try {
            if (watch != null) {
                watch.attach(s);
            }
            s.setLinger(lingerMillis);
            s.setSndHWM(sendHwm);
            s.setHandshakeIvl((int) CONNECT_HANDSHAKE.toMillis());
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMsgAllocationHeapThreshold(0);
            s.setMaxMsgSize(CONTROL_MAX_MESSAGE_BYTES);
            keepAlive(s);
            security.applyToClient(s);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A SUB socket subscribed to everything and connected to {@code address} (a log feed), taking
     * messages of at most {@code maxMessageBytes}.
     */
    public static ZMQ.Socket connectSubscriber(String address, TransportSecurity security, long maxMessageBytes) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.SUB);
        try {
            s.setLinger(0);
            s.setHandshakeIvl((int) CONNECT_HANDSHAKE.toMillis());
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMaxMsgSize(maxMessageBytes);
            keepAlive(s);
            security.applyToClient(s);
            s.subscribe(new byte[0]);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Unbinds a bound socket and waits (at most {@code wait}) until JeroMQ reports its listening
     * channel closed, then closes the socket. A plain {@code close()} releases the port later, on
     * JeroMQ's I/O thread, so binding the same address again right after can fail with "address in
     * use"; after this, at most the I/O thread's next poll remains, which {@link #bindPull} waits out.
     * Call from the socket's owner thread.
     */
    public static void unbindAndClose(ZMQ.Socket socket, Duration wait) {
        String endpoint = socket.getLastEndpoint();
        boolean listens = endpoint != null && (endpoint.startsWith("tcp://") || endpoint.startsWith("ipc://"));
        if (listens) {
            CountDownLatch released = new CountDownLatch(1);
            try {
                socket.base().setEventHook(null, 0);   // a handshake watch may be attached
                socket.base().setEventHook(event -> released.countDown(),
                        zmq.ZMQ.ZMQ_EVENT_CLOSED | zmq.ZMQ.ZMQ_EVENT_CLOSE_FAILED);
                if (socket.unbind(endpoint)) {
                    released.await(wait.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (IllegalStateException | ZMQException e) {
                // another event hook is attached, or the socket is already unbound: just close it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.close();
    }

    /** The address clients should use for a bound socket, e.g. {@code tcp://127.0.0.1:53411}. */
    public static String endpoint(ZMQ.Socket bound) {
        return Objects.requireNonNull(bound.getLastEndpoint(), "socket is not bound");
    }

    private static String bindFailure(String address, ZMQException e) {
        int code = e.getErrorCode();
        if (code == ZError.EADDRINUSE) {
            return "cannot bind " + address + ": the address is already in use; choose another port or "
                    + "use port * to take a free one";
        }
        if (code == ZError.EADDRNOTAVAIL) {
            return "cannot bind " + address + ": no network interface has that address on this machine";
        }
        return "cannot bind " + address + ": " + e.getMessage();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package org.pyacq.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;


/**
 * Binds server sockets (ROUTER, PULL, PUB, PAIR) with the options this project relies on, and
 * releases their addresses again. Call from the thread that will own the socket.
 */
final class ServerSockets {
    private ServerSockets() {
    }

    /**
     * A socket of {@code type} bound to {@code address}, with {@code options}' linger, message limit
     * and queue limits.
     *
     * @throws InsecureBindException if {@code security} is plain, the address is not loopback, and
     *     neither {@code allowInsecureRemote} nor the security allows that
     */
    static ZMQ.Socket bind(SocketType type, String address, TransportSecurity security, SocketOptions options) {
        Endpoints.validate(address);
        checkBindAllowed(address, security, options.allowInsecureRemote());
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(options.lingerMillis());
            s.setSndHWM(options.sendHwm());
            s.setRcvHWM(options.receiveHwm());
            s.setMaxMsgSize(options.maxMessageBytes());
            if (type == SocketType.PAIR) {
                // a PAIR takes one peer: a connection whose handshake stalls must not hold it for the
                // default 30 s while the peer re-dials (its own interval is shorter)
                s.setHandshakeIvl((int) Sockets.PAIR_BIND_HANDSHAKE.toMillis());
            }
            if (type == SocketType.ROUTER) {
                s.setMsgAllocator(ReceiveBuffers.INSTANCE);
                // a client that redials (after a stalled handshake) keeps its identity: route to the new connection
                s.setRouterHandover(true);
            }
            Sockets.keepAlive(s);
            security.applyToServer(s);
            watchHandshakes(s, security);
            bindRetryingBriefly(s, address);   // a server restarted at its port right after closing
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
     * A PULL socket bound to {@code address} that takes messages of at most the options' limit (a
     * peer that sends a bigger one is disconnected before anything is allocated for it) and queues
     * at most {@code receiveHwm} messages per peer, so a fast sender meets back-pressure (not with
     * CURVE security, whose receive queues must be unbounded: see {@link CurveSecurity}).
     *
     * @throws InsecureBindException if a plain socket would bind a non-loopback address without permission
     */
    static ZMQ.Socket bindPull(String address, TransportSecurity security, SocketOptions options) {
        Endpoints.validate(address);
        checkBindAllowed(address, security, options.allowInsecureRemote());
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.PULL);
        try {
            s.setLinger(options.lingerMillis());
            s.setRcvHWM(options.receiveHwm());
            s.setMaxMsgSize(options.maxMessageBytes());
            Sockets.keepAlive(s);
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
     * Refuses to bind a plain socket where other machines can reach it, unless explicitly allowed.
     *
     * @throws InsecureBindException saying why and what to do instead
     */
    static void checkBindAllowed(String address, TransportSecurity security, boolean allowInsecureRemote) {
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

    /**
     * Binds, retrying for up to {@link #Sockets.REBIND_WINDOW} while an explicit port is reported in use: a
     * port that a socket of this process has just released can stay held until JeroMQ's I/O thread
     * next polls (a channel registered with a selector is closed only when its key is deregistered).
     */
    private static void bindRetryingBriefly(ZMQ.Socket s, String address) {
        boolean explicitPort = !address.endsWith(":*") && !address.endsWith(":0");
        long deadline = System.nanoTime() + Sockets.REBIND_WINDOW.toNanos();
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
     * Unbinds a bound socket and waits (at most {@code wait}) until JeroMQ reports its listening
     * channel closed, then closes the socket. A plain {@code close()} releases the port later, on
     * JeroMQ's I/O thread, so binding the same address again right after can fail with "address in
     * use"; after this, at most the I/O thread's next poll remains, which {@link #bindPull} waits out.
     * Call from the socket's owner thread.
     */
    static void unbindAndClose(ZMQ.Socket socket, Duration wait) {
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

    /**
     * The address clients should use for a bound socket, e.g. {@code tcp://127.0.0.1:53411}; for a
     * socket bound to every interface, the {@linkplain Endpoints#advertised advertised} one.
     */
    static String endpoint(ZMQ.Socket bound) {
        return Endpoints.advertised(Objects.requireNonNull(bound.getLastEndpoint(), "socket is not bound"));
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
}

package org.pyacq.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.zeromq.SocketType;
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
     * redial such a connection quickly, keeping queued messages (see JEROMQ-NOTES.md).
     */
    public static final Duration CONNECT_HANDSHAKE = Duration.ofMillis(2000);
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
     * A DEALER connected to {@code address}, with {@code identity} as its routing id.
     * {@code onConnectionLost} (may be null) runs on JeroMQ's I/O thread when an established
     * connection breaks; it must only set flags and wake threads.
     */
    public static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
            Runnable onConnectionLost) {
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
            keepAlive(s);
            security.applyToClient(s);
            if (onConnectionLost != null) {
                ConnectionWatch.attach(s, onConnectionLost);
            }
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A ROUTER bound to {@code address}; read the real endpoint with {@link #endpoint}. */
    public static ZMQ.Socket bindRouter(String address, TransportSecurity security) {
        return bind(SocketType.ROUTER, address, security, 5000);
    }

    /** A socket of {@code type} bound to {@code address}. */
    public static ZMQ.Socket bind(SocketType type, String address, TransportSecurity security, int lingerMillis) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(lingerMillis);
            s.setSndHWM(0);
            s.setRcvHWM(0);
            if (type == SocketType.ROUTER) {
                // a client that redials (after a stalled handshake) keeps its identity: route to the new connection
                s.setRouterHandover(true);
            }
            keepAlive(s);
            security.applyToServer(s);
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

    /** A socket of {@code type} connected to {@code address}. */
    public static ZMQ.Socket connect(SocketType type, String address, TransportSecurity security, int lingerMillis) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(lingerMillis);
            s.setReconnectIVLMax(2000);
            s.setHandshakeIvl((int) CONNECT_HANDSHAKE.toMillis());
            security.applyToClient(s);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
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

package org.pyacq.transport;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;


/** Connects client sockets (DEALER, PUSH, SUB, PAIR) with the options this project relies on. Call from the owner thread. */
final class ClientSockets {
    private ClientSockets() {
    }

    /**
     * A DEALER connected to {@code address}, with {@code identity} as its routing id, taking
     * messages of at most {@code maxMessageBytes}. {@code listener} (may be null) hears, on
     * JeroMQ's I/O thread, when an established connection breaks and when the server refuses this
     * client's key; it must only set flags and wake threads.
     */
    static ZMQ.Socket connectDealer(String address, byte[] identity, TransportSecurity security,
            long maxMessageBytes, ConnectionWatch.Listener listener) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.DEALER);
        try {
            s.setLinger(1000);
            s.setIdentity(identity);
            s.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
            s.setSndHWM(0);
            s.setSendTimeOut((int) Sockets.CLIENT_SEND_TIMEOUT.toMillis());
            s.setRcvHWM(0);
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMsgAllocator(ReceiveBuffers.INSTANCE);
            s.setMaxMsgSize(maxMessageBytes);
            Sockets.keepAlive(s);
            security.applyToClient(s, address);
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

    /** A socket of {@code type} connected to {@code address}, for small control messages (bootstrap status). */
    static ZMQ.Socket connect(SocketType type, String address, TransportSecurity security, int lingerMillis) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(type);
        try {
            s.setLinger(lingerMillis);
            s.setReconnectIVLMax(2000);
            s.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
            s.setMaxMsgSize(Sockets.CONTROL_MAX_MESSAGE_BYTES);
            security.applyToClient(s, address);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A PUSH socket created in {@code context} and connected to {@code address}. It queues at most
     * the options' {@code sendHwm} messages while the peer is absent or slow (then a non-blocking send fails).
     * A caller that needs its last messages delivered on exit uses a context of its own and
     * closes it after the socket: closing a context waits up to the linger for queued messages.
     * {@code watch} (may be null) follows the connection's handshakes.
     */
    static ZMQ.Socket connectPush(ZContext context, String address, TransportSecurity security, SocketOptions options,
            HandshakeWatch watch) {
        Endpoints.validate(address);
        ZMQ.Socket s = context.createSocket(SocketType.PUSH);
        try {
            if (watch != null) {
                watch.attach(s);
            }
            s.setLinger(options.lingerMillis());
            s.setSndHWM(options.sendHwm());
            s.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMsgAllocationHeapThreshold(0);
            s.setMaxMsgSize(options.maxMessageBytes());
            Sockets.keepAlive(s);
            security.applyToClient(s, address);
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
    static ZMQ.Socket connectSubscriber(String address, TransportSecurity security, long maxMessageBytes) {
        Endpoints.validate(address);
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.SUB);
        try {
            s.setLinger(0);
            s.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
            s.setReconnectIVL(100);
            s.setReconnectIVLMax(2000);
            s.setMaxMsgSize(maxMessageBytes);
            Sockets.keepAlive(s);
            security.applyToClient(s, address);
            s.subscribe(new byte[0]);
            s.connect(address);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }
}

package org.pyacq.transport;

import org.zeromq.ZMQ;

/**
 * Tells whether a connecting socket's peer has completed the ZeroMQ handshake, and when a TCP
 * connection to it last succeeded. A TCP connection without a handshake is usually JeroMQ's
 * fresh-connection stall (JEROMQ-NOTES.md), which ends after {@link Sockets#CONNECT_HANDSHAKE}:
 * a sender that wants its messages out before closing should wait that long, but not for a peer
 * that never accepted a connection. {@code onChange} runs on JeroMQ's I/O thread after each event;
 * it must only set flags and wake threads.
 */
public final class HandshakeWatch implements zmq.ZMQ.EventConsummer {
    private final Runnable onChange;
    private volatile boolean greeted;
    private volatile long lastTcpConnectNanos;
    private volatile boolean everTcpConnected;

    public HandshakeWatch(Runnable onChange) {
        this.onChange = onChange;
    }

    /** Attaches to a socket; call before {@code connect}. */
    void attach(ZMQ.Socket socket) {
        socket.base().setEventHook(this, zmq.ZMQ.ZMQ_EVENT_CONNECTED | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL
                | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
    }

    @Override
    public void consume(zmq.ZMQ.Event event) {
        if (event.event == zmq.ZMQ.ZMQ_EVENT_CONNECTED) {
            lastTcpConnectNanos = System.nanoTime();
            everTcpConnected = true;
        } else if (event.event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL) {
            greeted = true;
        } else if (event.event == zmq.ZMQ.ZMQ_EVENT_DISCONNECTED) {
            if (greeted) {
                everTcpConnected = false;   // a real session ended: the peer went away, nothing is stalled
            }
            greeted = false;
        }
        onChange.run();
    }

    /** True while a peer is connected and has completed the handshake. */
    public boolean greeted() {
        return greeted;
    }

    /**
     * True if a TCP connection succeeded within the last handshake interval (plus a second for the
     * redial) but no handshake has completed since: the peer exists, and a stalled handshake may
     * still recover.
     */
    public boolean handshakePending() {
        if (greeted || !everTcpConnected) {
            return false;
        }
        long since = System.nanoTime() - lastTcpConnectNanos;
        return since < Sockets.CONNECT_HANDSHAKE.toNanos() + 1_000_000_000L;
    }
}

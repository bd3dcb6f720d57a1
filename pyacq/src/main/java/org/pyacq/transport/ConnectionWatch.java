package org.pyacq.transport;

import org.zeromq.ZMQ;

/**
 * Watches a connecting socket's connection: once a peer has greeted it, a disconnect means the
 * peer went away (its process died, the network failed, or heartbeats timed out), and requests in
 * flight on that connection will never be answered. Also tells when a CURVE server refused this
 * client's key: JeroMQ then never reconnects that socket. Runs on JeroMQ's I/O thread: the
 * listener must only set flags and wake threads.
 */
public final class ConnectionWatch implements zmq.ZMQ.EventConsummer {
    /** What a connecting socket's owner hears. */
    public interface Listener {
        /** An established connection broke. */
        void lost();

        /**
         * The server refused this client's key ({@code status} is the ZAP status code, 400). The
         * socket will not reconnect by itself.
         */
        default void refused(int status) {
        }
    }

    private final Listener listener;
    private volatile boolean greeted;
    private volatile long losses;
    private volatile int refusedStatus;

    private ConnectionWatch(Listener listener) {
        this.listener = listener;
    }

    /** Attaches a watch; call before {@code connect}. */
    static ConnectionWatch attach(ZMQ.Socket socket, Listener listener) {
        ConnectionWatch w = new ConnectionWatch(listener);
        socket.base().setEventHook(w, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED
                | zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
        return w;
    }

    @Override
    public void consume(zmq.ZMQ.Event event) {
        if (event.event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL) {
            greeted = true;
        } else if (event.event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_AUTH) {
            refusedStatus = event.arg instanceof Integer code ? code : 400;
            listener.refused(refusedStatus);
        } else if (event.event == zmq.ZMQ.ZMQ_EVENT_DISCONNECTED && greeted) {
            greeted = false;
            losses++;
            listener.lost();
        }
    }

    /** True while a peer is connected and has greeted. */
    public boolean connected() {
        return greeted;
    }

    /** How many established connections were lost so far. */
    public long losses() {
        return losses;
    }

    /** The ZAP status with which the server refused this client, or 0. */
    public int refusedStatus() {
        return refusedStatus;
    }
}

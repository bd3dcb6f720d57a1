package org.pyacq.transport;

import org.zeromq.ZMQ;

/**
 * Watches a connecting socket's connection: once a peer has greeted it, a disconnect means the
 * peer went away (its process died, the network failed, or heartbeats timed out), and requests in
 * flight on that connection will never be answered. Runs on JeroMQ's I/O thread: the callback
 * must only set flags and wake threads.
 */
public final class ConnectionWatch implements zmq.ZMQ.EventConsummer {
    private final Runnable onLost;
    private volatile boolean greeted;
    private volatile long losses;

    private ConnectionWatch(Runnable onLost) {
        this.onLost = onLost;
    }

    /** Attaches a watch; call before {@code connect}. */
    static ConnectionWatch attach(ZMQ.Socket socket, Runnable onLost) {
        ConnectionWatch w = new ConnectionWatch(onLost);
        socket.base().setEventHook(w, zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL | zmq.ZMQ.ZMQ_EVENT_DISCONNECTED);
        return w;
    }

    @Override
    public void consume(zmq.ZMQ.Event event) {
        if (event.event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_PROTOCOL) {
            greeted = true;
        } else if (event.event == zmq.ZMQ.ZMQ_EVENT_DISCONNECTED && greeted) {
            greeted = false;
            losses++;
            onLost.run();
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
}

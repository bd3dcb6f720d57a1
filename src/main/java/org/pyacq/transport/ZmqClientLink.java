package org.pyacq.transport;

import java.nio.ByteBuffer;
import org.zeromq.ZMQ;

/** A {@link ClientLink} over a ZeroMQ DEALER socket (plain or CURVE), the path every peer speaks. */
final class ZmqClientLink implements ClientLink {
    private final ZMQ.Socket socket;
    private final SocketWaiter waiter;
    private volatile boolean closed;

    ZmqClientLink(String address, byte[] identity, TransportSecurity security, long maxMessageBytes,
            ConnectionWatch.Listener listener) {
        this.socket = Sockets.connectDealer(address, identity, security, maxMessageBytes, listener);
        this.waiter = new SocketWaiter(socket);
    }

    @Override
    public void send(byte[][] head, ByteBuffer body) {
        Frames.send(socket, head, body);
    }

    @Override
    public void queue(byte[][] head, ByteBuffer body) {
        Frames.send(socket, head, body);   // JeroMQ's own queue batches the writes
    }

    @Override
    public void flush() {
        // nothing: JeroMQ's I/O thread writes
    }

    @Override
    public ByteBuffer receiveOne() {
        return SocketPoller.readable(socket) ? Frames.receiveOne(socket) : null;
    }

    @Override
    public void arm() {
        waiter.arm();
    }

    @Override
    public void await(long timeoutNanos) {
        waiter.awaitReadable(timeoutNanos);
    }

    @Override
    public void wakeup() {
        waiter.wakeup();
    }

    @Override
    public void watchWith(SocketPoller poller) {
        poller.register(socket);
    }

    @Override
    public void unwatch(SocketPoller poller) {
        poller.unregister(socket);
    }

    @Override
    public PathChoice path() {
        return PathChoice.ZEROMQ;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiter.close();
        socket.close();
    }
}

package org.pyacq.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link ClientLink} over a same-host Unix socket ({@link LocalConnection}). It waits on a
 * selector of its own, or on a server thread's poller once {@link #watchWith} is called.
 */
final class LocalClientLink implements ClientLink {
    private final LocalConnection connection;
    private final Path file;
    private final ConnectionWatch.Listener listener;
    private SocketPoller own;
    private SocketPoller joined;
    private boolean lostReported;

    LocalClientLink(Path file, byte[] identity, String address, long maxMessageBytes, Duration handshakeTimeout,
            ConnectionWatch.Listener listener) {
        this.connection = LocalConnection.connect(file, identity, address, maxMessageBytes, handshakeTimeout);
        this.listener = listener;
        this.file = file;
        this.own = new SocketPoller();
        connection.watchWith(own);
    }

    @Override
    public void send(byte[][] head, ByteBuffer body) {
        try {
            connection.send(head, body);
            if (joined == null) {
                connection.awaitInput();   // its own selector reports the reply; a shared one may have consumed a report
            }
        } catch (TransportException e) {
            reportLost();
            throw e;
        }
    }

    @Override
    public void queue(byte[][] head, ByteBuffer body) {
        connection.queue(head, body);
    }

    @Override
    public void flush() {
        try {
            connection.flushOrFail();
        } catch (TransportException e) {
            reportLost();
            throw e;
        }
    }

    @Override
    public boolean hasPendingOutputHint() {
        return connection.hasPendingOutput();
    }

    @Override
    public java.util.concurrent.locks.Lock sharedOutputLock() {
        return connection.outputLock();
    }

    @Override
    public ByteBuffer receiveOne() {
        if (connection.hasPendingOutput() && !connection.isLost()) {
            connection.flushQuietly();
        }
        Frames.Received m;
        try {
            m = connection.receive(1);
        } catch (IOException | LocalConnection.ProtocolViolation e) {
            connection.close();
            reportLost();
            return null;
        }
        if (m == null) {
            if (connection.isLost()) {
                reportLost();
            }
            return null;
        }
        return m.frames().get(0);
    }

    private void reportLost() {
        if (lostReported) {
            return;
        }
        lostReported = true;
        LocalDirectory.removeIfStale(file);   // a server that died leaves its socket file: sweep it
        if (listener != null) {
            listener.lost();
        }
    }

    @Override
    public void arm() {
        // a selector's wake-up is never lost: the next select returns at once
    }

    @Override
    public void await(long timeoutNanos) {
        SocketPoller p = joined != null ? joined : own;
        if (connection.endReached()) {
            // read to its end (the server's notice included): an ended connection stays readable and
            // would end every wait at once, so close it; the wait below then sleeps until a wake-up
            connection.close();
            reportLost();
        } else if (connection.mayRead()) {
            return;
        }
        p.await(timeoutNanos);
        p.progress();
    }

    @Override
    public void wakeup() {
        SocketPoller p = joined != null ? joined : own;
        if (p != null) {
            p.wakeup();
        }
    }

    @Override
    public void watchWith(SocketPoller poller) {
        connection.watchWith(poller);
        joined = poller;
    }

    @Override
    public void unwatch(SocketPoller poller) {
        connection.unwatch(poller);
        if (joined == poller) {
            joined = null;
        }
    }

    @Override
    public PathChoice path() {
        return PathChoice.LOCAL;
    }

    @Override
    public synchronized void close() {
        connection.close();
        SocketPoller p = own;
        own = null;
        if (p != null) {
            p.close();
        }
    }
}

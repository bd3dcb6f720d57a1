package org.pyacq.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZMQ;

/**
 * Waits until one of its sockets may have something to read, a timeout passes, or another
 * thread calls {@link #wakeup()} — the way to cancel a wait without {@code Thread.interrupt()},
 * which JeroMQ does not survive.
 *
 * <p>The sockets' notification channels are edge-triggered: a wake-up says "something changed",
 * not "a message is ready". Callers must drain each socket (read while {@link #readable} is true)
 * before waiting again, or they may sleep with messages pending.
 *
 * <p>Owned by the thread that owns the sockets; only {@link #wakeup()} may be called from others.
 */
public final class SocketPoller implements AutoCloseable {
    private final Selector selector;

    public SocketPoller() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Watches one more socket. */
    public void register(ZMQ.Socket socket) {
        try {
            socket.getFD().register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch socket", e);
        }
    }

    /** Stops watching a socket (before it is closed). */
    public void unregister(ZMQ.Socket socket) {
        SelectionKey key = socket.getFD().keyFor(selector);
        if (key != null) {
            key.cancel();
        }
    }

    /**
     * True if a message can be read from the socket now (also processes its pending commands).
     *
     * @throws TransportException if the ZeroMQ context was terminated under the socket
     */
    public static boolean readable(ZMQ.Socket socket) {
        int events = socket.getEvents();
        if (events < 0) {
            throw new TransportException("the ZeroMQ context was closed while the socket was in use");
        }
        return (events & ZMQ.Poller.POLLIN) != 0;
    }

    /**
     * Waits at most {@code timeoutNanos} (0 = return at once; negative = no limit) for a change on
     * a watched socket or a {@link #wakeup()}.
     */
    public void await(long timeoutNanos) {
        try {
            if (timeoutNanos == 0) {
                selector.selectNow();
            } else if (timeoutNanos < 0) {
                selector.select();
            } else {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            // closed by its owner while shutting down: nothing to wait for
        } catch (IOException e) {
            throw new UncheckedIOException("poll failed", e);
        }
    }

    /** Makes the current or next {@link #await} return at once. Safe from any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing useful to do; the selector is gone either way
        }
    }
}

package org.pyacq.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
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
 * <p>Prefer {@link SocketWaiter} for a single socket. This poller is for a thread that must watch
 * several sockets (a server thread waiting on a call while serving its own requests). JeroMQ
 * 0.6.0 can leave a socket's notification pipe readable for a moment while the socket reports
 * nothing (it writes its wake-up byte before counting it), so a select may return at once again
 * and again; the poller backs off briefly when that happens, and callers report real work with
 * {@link #progress()}.
 *
 * <p>Owned by the thread that owns the sockets; only {@link #wakeup()} may be called from others.
 */
public final class SocketPoller implements AutoCloseable, Waker {
    private final Selector selector;
    /** Selects in a row that returned at once without the caller making progress; see {@link #await}. */
    private int idleReturns;

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

    /**
     * Something watched through its own channel (a same-host connection or endpoint): told which
     * operations are ready after each wait, so that its owner reads or writes only when it can.
     */
    public interface Watched {
        /** Called on the owner thread after a wait, with the key's ready operations. */
        void ready(int readyOps);
    }

    /** Watches a channel (non-blocking) for {@code ops}; {@code watched} learns when it is ready. */
    public SelectionKey register(SelectableChannel channel, int ops, Watched watched) {
        try {
            return channel.register(selector, ops, watched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch channel", e);
        }
    }

    /** True if {@code key} belongs to this poller's selector. */
    public boolean owns(SelectionKey key) {
        return key.selector() == selector;
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
            if (idleReturns > 2) {
                // the last selects returned at once with nothing to do: let the I/O thread finish its signal
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(500_000L, 5_000L << Math.min(idleReturns - 3, 7)));
            }
            int ready;
            if (timeoutNanos == 0) {
                ready = selector.selectNow();
            } else if (timeoutNanos < 0) {
                ready = selector.select();
            } else {
                ready = selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
            if (ready > 0) {
                idleReturns++;
                dispatch();
            }
            selector.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            // closed by its owner while shutting down: nothing to wait for
        } catch (IOException e) {
            throw new UncheckedIOException("poll failed", e);
        }
    }

    private void dispatch() {
        for (SelectionKey key : selector.selectedKeys()) {
            if (key.attachment() instanceof Watched w && key.isValid()) {
                idleReturns = 0;   // our own channels are never ready for nothing (only JeroMQ's pipes are)
                try {
                    w.ready(key.readyOps());
                } catch (java.nio.channels.CancelledKeyException e) {
                    // closed meanwhile: its owner finds out when it next reads
                }
            }
        }
    }

    /** Tells the poller the caller handled something since the last {@link #await}. */
    public void progress() {
        idleReturns = 0;
    }

    /** Makes the current or next {@link #await} return at once. Safe from any thread. */
    @Override
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

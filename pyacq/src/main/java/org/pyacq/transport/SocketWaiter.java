package org.pyacq.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zeromq.ZMQ;
import zmq.ZError;

/**
 * Waits until one socket has a message, a timeout passes, or another thread calls
 * {@link #wakeup()}, using JeroMQ's own wait on the socket's command mailbox. This is as cheap as a
 * blocking {@code recv}: no selector of ours is involved (JeroMQ 0.6.0 writes its wake-up byte
 * before it counts it, so a selector on {@code getFD()} can find the pipe readable while the
 * socket reports nothing, and spins), and a wake-up is a command to the socket, not an interrupt.
 *
 * <p>Use: {@link #arm()}, then check the conditions other threads signal, then
 * {@link #awaitReadable}; a wake-up that comes after {@code arm()} is never lost. Owned by the
 * socket's owner thread; only {@link #wakeup()} may be called from others.
 */
public final class SocketWaiter implements Waker {
    private final ZMQ.Socket socket;
    private final AtomicBoolean wake = new AtomicBoolean();
    private volatile boolean closed;

    public SocketWaiter(ZMQ.Socket socket) {
        this.socket = socket;
    }

    /** Forgets earlier wake-ups; call before checking what they signal. */
    public void arm() {
        wake.set(false);
    }

    /**
     * Waits at most {@code timeoutNanos} (negative: no limit; 0: just check) for a message.
     *
     * @return true if a message can be read now; false after a timeout or a wake-up
     * @throws TransportException if the ZeroMQ context was closed under the socket
     */
    public boolean awaitReadable(long timeoutNanos) {
        if (SocketPoller.readable(socket)) {
            return true;
        }
        if (wake.get()) {
            return false;
        }
        int millis;
        if (timeoutNanos < 0) {
            millis = -1;
        } else if (timeoutNanos == 0) {
            return false;
        } else {
            millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
        }
        int ready = socket.base().poll(zmq.ZMQ.ZMQ_POLLIN, millis, wake);
        if (ready < 0) {
            if (socket.base().errno() == ZError.ETERM) {
                throw new TransportException("the ZeroMQ context was closed while the socket was in use");
            }
            return false;
        }
        return (ready & zmq.ZMQ.ZMQ_POLLIN) != 0;
    }

    @Override
    public void wakeup() {
        if (closed) {
            return;
        }
        try {
            socket.base().cancel(wake);
        } catch (RuntimeException e) {
            // the socket is closing: its owner is leaving its wait anyway
        }
    }

    /** Stops wake-ups from reaching the socket (before its owner closes it). */
    public void close() {
        closed = true;
    }
}

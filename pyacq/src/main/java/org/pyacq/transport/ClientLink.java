package org.pyacq.transport;

import java.nio.ByteBuffer;

/**
 * A client's connection to one server, used by one thread: requests out, reply frames in. Two
 * kinds: a ZeroMQ DEALER ({@link PathChoice#ZEROMQ}) and a same-host Unix socket
 * ({@link PathChoice#LOCAL}); {@link ClientLinks} picks one.
 *
 * <p>Waiting: a link waits on its own ({@link #arm()}, then check conditions, then
 * {@link #await}); a link used on a server's thread is watched by that server's poller instead
 * ({@link #watchWith}), so one wait covers the reply and the server's own requests.
 */
public interface ClientLink extends Waker, AutoCloseable {
    /** Sends one request (header frames, then the body). Do not reuse the arrays or buffer. */
    void send(byte[][] head, ByteBuffer body);

    /** Queues one request; it goes out with the next {@link #flush()} (or send, or read). */
    void queue(byte[][] head, ByteBuffer body);

    /**
     * Writes what is queued, as far as the socket takes it now.
     *
     * @throws TransportException if the connection broke
     */
    void flush();

    /**
     * A lock under which threads other than the owner may {@link #queue} and {@link #flush}
     * (so a caller writes its asynchronous request itself, with no hand-off), or null if only the
     * owner may write.
     */
    default java.util.concurrent.locks.Lock sharedOutputLock() {
        return null;
    }

    /** True if queued output is still waiting for room in the socket (a hint; any thread). */
    default boolean hasPendingOutputHint() {
        return false;
    }

    /** The next reply frame if a whole one is here (never blocks), else null. */
    ByteBuffer receiveOne();

    /** Forgets earlier wake-ups; call before checking what they signal. */
    void arm();

    /** Waits at most {@code timeoutNanos} (negative: no limit) for input or a {@link #wakeup()}. */
    void await(long timeoutNanos);

    /** Lets {@code poller} watch this link (for a server thread's combined wait). */
    void watchWith(SocketPoller poller);

    /** Stops {@code poller} watching this link. */
    void unwatch(SocketPoller poller);

    /** Which path this link takes. */
    PathChoice path();

    /** Closes the connection; later use fails. */
    @Override
    void close();
}

package org.pyacq.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pyacq.transport.HandshakeWatch;
import org.pyacq.transport.PushSender;
import org.pyacq.transport.SocketPoller;
import org.pyacq.transport.Sockets;
import org.pyacq.transport.TransportSecurity;

/**
 * The thread behind a {@link PyacqLogAppender}: owns the PUSH socket and sends the encoded records
 * that logging threads put in a bounded queue. When the queue is full the oldest record is dropped
 * and counted; the count goes to the server in a record of its own as soon as one can be sent.
 *
 * <p>The socket lives in a ZeroMQ context of its own, so that stopping can wait (up to the flush
 * timeout) until queued records have really left: closing a context waits for its sockets' lingers,
 * and the process-wide context is never closed.
 */
final class RecordSender {
    /** Put in the queue by {@link #stop} to end a wait at once; never sent. */
    private static final byte[] WAKE = new byte[0];
    private static final long IDLE_WAIT_MILLIS = 1000;
    /** Extra time at stop for a connection whose handshake stalled: the handshake interval and a redial. */
    static final Duration HANDSHAKE_GRACE = Sockets.CONNECT_HANDSHAKE.plusSeconds(1);
    /**
     * How long stopping may go on while records keep leaving: the flush timeout bounds a wait without
     * progress, this bounds the whole flush (encrypted sockets in a JVM that has just started send a
     * few thousand records a second).
     */
    static final Duration PROGRESS_LIMIT = Duration.ofSeconds(10);

    private final String address;
    private final TransportSecurity security;
    private final int sendHwm;
    private final Duration flushTimeout;
    private final Consumer<String> problems;
    private final ArrayBlockingQueue<byte[]> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final SocketPoller poller = new SocketPoller();
    private final HandshakeWatch handshake = new HandshakeWatch(poller::wakeup);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private long reported;
    private volatile boolean stopping;
    private volatile long stopDeadline;
    private volatile long stopLimit;

    /** {@code problems} receives one line per problem (the appender's status messages); never logs. */
    RecordSender(String address, TransportSecurity security, int queueSize, int sendHwm, Duration flushTimeout,
            Consumer<String> problems) {
        this.address = address;
        this.security = security;
        this.sendHwm = sendHwm;
        this.flushTimeout = flushTimeout;
        this.problems = problems;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.thread = new Thread(this::run, "pyacq-log-sender");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a record; never blocks. If the queue is full, drops the oldest record. */
    void offer(byte[] record) {
        while (!queue.offer(record)) {
            byte[] oldest = queue.poll();
            if (oldest != null && oldest != WAKE) {
                dropped.incrementAndGet();
            }
        }
    }

    /** Counts a record that was not queued (e.g. too large). */
    void countDropped() {
        dropped.incrementAndGet();
    }

    long dropped() {
        return dropped.get();
    }

    long sent() {
        return sent.get();
    }

    int queued() {
        return queue.size();
    }

    /**
     * Sends what is queued, giving up after the flush timeout without progress (and after
     * {@link #PROGRESS_LIMIT} in all), then closes the socket. Returns when
     * done or when the flush timeout and a margin have passed. If the server accepted the
     * connection but the handshake has not completed (JeroMQ's fresh-connection stall), waits up to
     * {@link #HANDSHAKE_GRACE} more, once: otherwise a child that logs and exits at once could lose
     * everything it logged.
     */
    void stop() {
        long now = System.nanoTime();
        stopDeadline = now + flushTimeout.toNanos();
        stopLimit = now + Math.max(flushTimeout.toNanos(), PROGRESS_LIMIT.toNanos());
        stopping = true;
        queue.offer(WAKE);
        poller.wakeup();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            long bound = Math.max(flushTimeout.toMillis(), PROGRESS_LIMIT.toMillis()) + HANDSHAKE_GRACE.toMillis() + 2000;
            if (!done.await(bound, TimeUnit.MILLISECONDS)) {
                problems.accept("log sender to " + address + " did not finish within " + bound + " ms; "
                        + queue.size() + " records not sent");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        PushSender socket = null;
        try {
            socket = PushSender.connect(address, security, sendHwm, handshake, poller);
            byte[] pending = null;
            boolean extended = false;
            while (true) {
                if (pending == null) {
                    pending = next();
                }
                if (pending != null && socket.trySend(pending)) {
                    sent.incrementAndGet();
                    pending = null;
                    if (stopping) {
                        // records are leaving: the flush timeout counts from the last progress
                        stopDeadline = Math.min(stopLimit, Math.max(stopDeadline, System.nanoTime() + flushTimeout.toNanos()));
                    }
                    continue;
                }
                if (!stopping) {
                    if (pending != null) {
                        // The socket's own queue is full: the server is absent or slow. Its wake-up
                        // signal fires when there is room again; the timeout is only a safety net.
                        poller.await(TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS));
                    }
                    continue;
                }
                // Stopping. Once all is handed to a connected socket, closing with a linger sends the rest.
                if (pending == null && (sent.get() == 0 || handshake.greeted())) {
                    break;
                }
                long left = stopDeadline - System.nanoTime();
                if (left <= 0 && !extended && handshake.handshakePending()) {
                    // the server took the connection but the handshake stalled (a JeroMQ bug): it
                    // recovers within the handshake interval, so wait for it once
                    stopDeadline = System.nanoTime() + HANDSHAKE_GRACE.toNanos();
                    extended = true;
                    continue;
                }
                if (left <= 0) {
                    problems.accept("log server at " + address + " did not take at least "
                            + ((pending != null ? 1 : 0) + queue.size()) + " more records within " + flushTimeout
                            + (extended ? " and " + HANDSHAKE_GRACE : "") + "; they are lost");
                    break;
                }
                poller.await(left);
            }
        } catch (RuntimeException e) {
            problems.accept("log sender to " + address + " failed: " + e);
        } finally {
            if (socket != null) {
                // a connected server takes the records still in the socket's queue, however slowly: let
                // them go for up to the progress limit (closing returns as soon as they are out)
                long until = handshake.greeted() ? stopLimit : stopDeadline;
                long left = stopping ? Math.max(0, until - System.nanoTime()) : 0;
                socket.close(Duration.ofNanos(left));
            }
            poller.close();
            done.countDown();
        }
    }

    /** The next record to send: a drop report if records were dropped, else the queue's head; null if none. */
    private byte[] next() {
        long drops = dropped.get();
        if (drops > reported) {
            byte[] report = dropReport(drops - reported, drops);
            reported = drops;
            return report;
        }
        byte[] record;
        if (stopping) {
            record = queue.poll();
        } else {
            try {
                record = queue.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                stopping = true;   // nobody should interrupt this thread; treat it as a stop
                record = null;
            }
        }
        return record == WAKE ? null : record;
    }

    private byte[] dropReport(long count, long total) {
        LoggingEvent e = new LoggingEvent();
        e.setLoggerName(PyacqLogAppender.class.getName());
        e.setLevel(Level.WARN);
        e.setMessage(count + " log records were dropped here (" + total + " in all) because the queue to "
                + address + " was full or a record was too large; the log server may be down or slow");
        e.setThreadName(Thread.currentThread().getName());
        e.setInstant(Instant.now());
        e.setMDCPropertyMap(Map.of());
        e.setCallerData(CallerData.EMPTY_CALLER_DATA_ARRAY);
        return LogRecordJson.encode(e, Thread.currentThread().getId());
    }
}

package org.pyacq.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.Frames;
import org.pyacq.transport.PullReceiver;
import org.pyacq.transport.SocketOptions;
import org.pyacq.transport.Sockets;
import org.pyacq.transport.TransportException;
import org.pyacq.transport.TransportSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives log records from other processes (Java {@link PyacqLogAppender}s or Python pyacq's
 * {@code LogSender}) on a PULL socket and hands each, as a logback event, to a target: by default
 * the appenders of the logger of the same name in this process, so this process's logback
 * configuration applies. The socket is owned by the server's own thread.
 *
 * <pre>{@code
 * try (LogServer server = LogServer.builder().build().start()) {
 *     String address = server.address();      // give it to children, e.g. tcp://127.0.0.1:53411
 *     ...
 * }
 * }</pre>
 *
 * A daemon that keeps a history and re-publishes records gives its own target:
 * {@code builder().target(LogServer.localLoggers(ctx).andThen(history::add))}.
 *
 * <p>Malformed records are dropped and counted ({@link #dropped()}), with a warning at most every
 * few seconds. A record bigger than {@link Builder#maxRecordBytes} makes the server drop the sending
 * connection before reading it (the sender reconnects).
 */
public final class LogServer implements AutoCloseable {
    /** A bound on binding at start (milliseconds, unless the machine is starved). */
    private static final long START_TIMEOUT_SECONDS = 30;
    /** Where a server binds unless told otherwise: loopback, any free port. */
    public static final String DEFAULT_ADDRESS = "tcp://127.0.0.1:*";
    /** The default limit on one record's size. */
    public static final long DEFAULT_MAX_RECORD_BYTES = 1 << 20;
    /** A record that has passed through more servers than this is dropped: it is going round in a loop. */
    static final int MAX_HOPS = 8;
    /**
     * Records queued per sender before that sender's socket stops sending to us (plain sockets only:
     * CURVE sockets need an unbounded queue, see {@link org.pyacq.transport.CurveSecurity}).
     */
    static final int RECEIVE_QUEUE = 1000;

    private static final Logger log = LoggerFactory.getLogger(LogServer.class);

    private final String bindAddress;
    private final TransportSecurity security;
    private final boolean allowInsecureRemote;
    private final long maxRecordBytes;
    private final LoggerContext context;
    private final Consumer<ILoggingEvent> target;
    private final ThrottledWarning dropWarning = new ThrottledWarning(log, 10, TimeUnit.SECONDS);
    private final ThrottledWarning targetWarning = new ThrottledWarning(log, 10, TimeUnit.SECONDS);
    private final CountDownLatch bound = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile PullReceiver waiter;
    private volatile boolean closing;
    private volatile String address;
    private volatile RuntimeException startFailure;
    private Thread owner;

    private LogServer(Builder b) {
        this.bindAddress = b.address;
        this.security = b.security;
        this.allowInsecureRemote = b.allowInsecureRemote;
        this.maxRecordBytes = b.maxRecordBytes;
        this.context = b.context;
        this.target = b.target != null ? b.target : new LocalLoggerTarget(b.context);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A target that hands each event to the appenders of the logger of its name in {@code context}
     * (the default target). Loggers' levels are not checked again: the sender applied its own.
     */
    public static Consumer<ILoggingEvent> localLoggers(LoggerContext context) {
        return new LocalLoggerTarget(Objects.requireNonNull(context, "context"));
    }

    /**
     * Binds the socket and starts serving on a thread of its own.
     *
     * @throws TransportException if the address cannot be bound (in use, no such interface)
     * @throws IllegalStateException if the server was already started
     */
    public synchronized LogServer start() {
        if (owner != null || closing) {
            throw new IllegalStateException("log server at " + (address != null ? address : bindAddress)
                    + (closing ? " is closed" : " is already started"));
        }
        owner = new Thread(this::run, "pyacq-log-server");
        owner.setDaemon(true);
        owner.start();
        try {
            if (!bound.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new TransportException("the log server at " + bindAddress + " did not bind within "
                        + START_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new TransportException("interrupted while binding the log server at " + bindAddress, e);
        }
        if (startFailure != null) {
            throw startFailure;
        }
        return this;
    }

    /** The address senders connect to, e.g. {@code tcp://127.0.0.1:53411}; null before {@link #start()}. */
    public String address() {
        return address;
    }

    /** How many records were handed to the target (one that made the target fail also counts as dropped). */
    public long received() {
        return received.get();
    }

    /** How many frames were dropped: malformed, looping, or refused by the target. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Stops serving and closes the socket (on the server's thread); when it returns, the address
     * can be bound again. Waits up to 10 s for the target to finish the record it is handling,
     * unless called from the target itself.
     */
    @Override
    public void close() {
        closing = true;
        PullReceiver w = waiter;
        if (w != null) {
            w.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = owner;
        }
        if (t == null) {
            return;
        }
        if (Thread.currentThread() == t) {
            return;
        }
        try {
            if (!closed.await(10, TimeUnit.SECONDS)) {
                log.warn("log server at {} still busy 10 s after close(); its target {} may be stuck", address, target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the server has closed its socket. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        PullReceiver socket;
        try {
            socket = PullReceiver.bind(bindAddress, security, SocketOptions.builder().maxMessageBytes(maxRecordBytes)
                    .receiveHwm(RECEIVE_QUEUE).allowInsecureRemote(allowInsecureRemote).build());
            address = socket.endpoint();
            waiter = socket;
        } catch (RuntimeException e) {
            startFailure = e;
            closed.countDown();
            bound.countDown();
            return;
        }
        bound.countDown();
        log.debug("log server listening at {}", address);
        try {
            while (!closing) {
                waiter.arm();
                drain(socket);
                if (!closing) {
                    waiter.awaitReadable(-1);
                }
            }
        } catch (TransportException e) {
            log.warn("log server at {} stopped: {}", address, e.getMessage());
        } finally {
            socket.close();   // unbinds: the address is free when close() returns
            log.debug("log server at {} closed after {} records ({} dropped)", address, received, dropped);
            closed.countDown();
        }
    }

    /** Reads until the socket is empty: its wake-up signal is edge-triggered. */
    private void drain(PullReceiver socket) {
        while (!closing) {
            Frames.Received message = socket.receive(1);
            if (message == null) {
                return;
            }
            if (message.count() != 1) {
                drop("a log record of " + message.count() + " frames; records are one frame", null);
                continue;
            }
            handle(message.frames().get(0));
        }
    }

    private void handle(ByteBuffer frame) {
        ReceivedRecord record;
        try {
            record = LogRecordJson.parse(frame);
        } catch (MalformedLogRecordException e) {
            drop("a malformed log record (" + e.getMessage() + ")", null);
            return;
        }
        if (record.hops() >= MAX_HOPS) {
            drop("a log record from " + record.processName() + " that has already passed through "
                    + record.hops() + " log servers: some log sender probably sends to a server whose records"
                    + " it also receives", null);
            return;
        }
        LoggingEvent event = record.toEvent(context);
        received.incrementAndGet();
        try {
            target.accept(event);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            targetWarning.warn("log server at " + address + ": its target " + target + " failed on a record from "
                    + record.processName() + " (logger " + record.name() + ")", e);
        }
    }

    private void drop(String what, Throwable cause) {
        dropped.incrementAndGet();
        dropWarning.warn("log server at " + address + " dropped " + what, cause);
    }

    @Override
    public String toString() {
        return "LogServer[" + (address != null ? address : bindAddress) + ", " + received + " records, "
                + dropped + " dropped" + (closing ? ", closed" : "") + "]";
    }

    /** Options of a {@link LogServer}. */
    public static final class Builder {
        private String address = DEFAULT_ADDRESS;
        private TransportSecurity security;
        private boolean allowInsecureRemote;
        private long maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
        private LoggerContext context;
        private Consumer<ILoggingEvent> target;

        private Builder() {
        }

        /** Where to bind; default {@code tcp://127.0.0.1:*}. Any ZeroMQ endpoint. */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * How the socket authenticates; default the process's {@link DefaultSecurity} (CURVE with
         * this user's key unless the process runs in insecure mode, which Python pyacq senders need).
         */
        public Builder security(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Lets a plain (unauthenticated) log server bind an address other machines can reach;
         * refused by default.
         */
        public Builder allowInsecureRemote(boolean allow) {
            this.allowInsecureRemote = allow;
            return this;
        }

        /** The largest record accepted, in bytes; default 1 MiB. */
        public Builder maxRecordBytes(long maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        /**
         * The logger context events are made for (and, by default, handed to); default the one
         * slf4j is bound to.
         */
        public Builder loggerContext(LoggerContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Where events go, called on the server's thread, one event at a time; default
         * {@link #localLoggers} of the logger context. It should be quick: records wait meanwhile.
         */
        public Builder target(Consumer<ILoggingEvent> target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @throws org.pyacq.transport.InsecureBindException if a plain server would bind an address
         *     that is not loopback without {@link #allowInsecureRemote}
         */
        public LogServer build() {
            org.pyacq.transport.Endpoints.validate(address);
            if (security == null) {
                security = DefaultSecurity.get();
            }
            Sockets.checkBindAllowed(address, security, allowInsecureRemote);
            if (maxRecordBytes < 1024) {
                throw new IllegalArgumentException("maxRecordBytes must be at least 1024, got " + maxRecordBytes);
            }
            if (context == null) {
                if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext lc)) {
                    throw new IllegalStateException("slf4j is bound to " + LoggerFactory.getILoggerFactory().getClass()
                            .getName() + ", not logback; give the log server a loggerContext");
                }
                context = lc;
            }
            return new LogServer(this);
        }
    }
}

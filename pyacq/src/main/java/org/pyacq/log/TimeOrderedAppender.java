package org.pyacq.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts events from many processes back in the order they were created before handing them to its
 * attached appenders, as pyacq's console handler does: each event is held until it is
 * {@link #setHoldBackMillis hold-back} old (default 200 ms), and held events leave in order of
 * creation time, from one daemon thread. {@link #stop()} and {@link #flush()} emit everything held.
 *
 * <p>The age is measured from the event's creation time, but an event is never held longer than the
 * hold-back after it arrived, so a sender whose clock runs ahead is not held back indefinitely.
 * Beyond {@link #setBufferSize buffer size} held events, the oldest leave at once; beyond twice that
 * (the attached appenders are stuck), new events are dropped and counted in a later warning event.
 *
 * <pre>{@code
 * <appender name="SORTED" class="org.pyacq.log.TimeOrderedAppender">
 *   <holdBackMillis>200</holdBackMillis>
 *   <appender-ref ref="CONSOLE"/>
 * </appender>
 * }</pre>
 */
public class TimeOrderedAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    /** Clocks, replaceable in tests: wall-clock nanoseconds since the epoch and a monotonic clock. */
    interface TimeSource {
        long wallNanos();

        long monoNanos();

        TimeSource SYSTEM = new TimeSource() {
            @Override
            public long wallNanos() {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public long monoNanos() {
                return System.nanoTime();
            }
        };
    }

    private record Held(ILoggingEvent event, long createdNanos, long sequence, long releaseAt) {
    }

    private static final Comparator<Held> BY_CREATION = Comparator.comparingLong(Held::createdNanos)
            .thenComparingLong(Held::sequence);

    private final AppenderAttachableImpl<ILoggingEvent> children = new AppenderAttachableImpl<>();
    private final TimeSource time;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Held> held = new PriorityQueue<>(BY_CREATION);
    /** Held by whoever takes events out of the buffer, until they are delivered: keeps deliveries in order. */
    private final Object delivering = new Object();
    private long holdBackMillis = 200;
    private int bufferSize = 10_000;
    private long sequence;
    private long dropped;
    private boolean stopping;
    private Thread emitter;

    public TimeOrderedAppender() {
        this(TimeSource.SYSTEM);
    }

    TimeOrderedAppender(TimeSource time) {
        this.time = time;
    }

    /** How long events are held to let earlier ones from other processes arrive; default 200 ms. */
    public void setHoldBackMillis(long holdBackMillis) {
        this.holdBackMillis = holdBackMillis;
    }

    public long getHoldBackMillis() {
        return holdBackMillis;
    }

    /** How many events are held at most before the oldest leave early; default 10000. */
    public void setBufferSize(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (holdBackMillis < 0 || bufferSize < 1) {
            addError("appender " + name + ": holdBackMillis (" + holdBackMillis + ") must not be negative and"
                    + " bufferSize (" + bufferSize + ") must be positive");
            return;
        }
        lock.lock();
        try {
            stopping = false;
        } finally {
            lock.unlock();
        }
        emitter = new Thread(this::emitLoop, "pyacq-log-sorter" + (name == null ? "" : "-" + name));
        emitter.setDaemon(true);
        emitter.start();
        super.start();
    }

    /** Emits everything held, then stops the attached appenders. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t = emitter;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();   // anything the emitter did not get to (e.g. it was stuck in an appender)
        children.detachAndStopAllAppenders();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // delivered later, from another thread: fix the message, MDC and thread name now
        event.prepareForDeferredProcessing();
        Instant created = event.getInstant();
        long createdNanos = saturatedEpochNanos(created);
        long holdNanos = TimeUnit.MILLISECONDS.toNanos(holdBackMillis);
        long age = Math.max(0, Math.min(holdNanos, time.wallNanos() - createdNanos));
        long releaseAt = time.monoNanos() + holdNanos - age;
        lock.lock();
        try {
            if (held.size() >= 2L * bufferSize) {
                dropped++;
                return;
            }
            Held h = new Held(event, createdNanos, sequence++, releaseAt);
            held.add(h);
            if (held.peek() == h || held.size() > bufferSize) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Emits everything held now, in creation order (pyacq's {@code flush_records}). */
    public void flush() {
        synchronized (delivering) {
            List<ILoggingEvent> batch = new ArrayList<>();
            long lost;
            lock.lock();
            try {
                while (!held.isEmpty()) {
                    batch.add(held.poll().event());
                }
                lost = takeDropped();
            } finally {
                lock.unlock();
            }
            deliver(batch, lost);
        }
    }

    /** Wakes the emitter to look at the clock again (for tests that move a fake clock). */
    void recheck() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Number of events held now. */
    int heldCount() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    private void emitLoop() {
        while (true) {
            boolean last;
            lock.lock();
            try {
                last = awaitRipe();
            } catch (InterruptedException e) {
                last = true;   // nobody should interrupt this thread; emit what is held and end
            } finally {
                lock.unlock();
            }
            if (last) {
                flush();
                return;
            }
            synchronized (delivering) {
                List<ILoggingEvent> batch = new ArrayList<>();
                long lost;
                lock.lock();
                try {
                    long now = time.monoNanos();
                    while (!held.isEmpty() && (held.peek().releaseAt() <= now || held.size() > bufferSize)) {
                        batch.add(held.poll().event());
                    }
                    lost = takeDropped();
                } finally {
                    lock.unlock();
                }
                deliver(batch, lost);
            }
        }
    }

    /** Waits (holding the lock) until the first event may leave; true if stopping instead. */
    private boolean awaitRipe() throws InterruptedException {
        while (!stopping) {
            Held first = held.peek();
            if (first == null) {
                changed.await();
                continue;
            }
            long wait = first.releaseAt() - time.monoNanos();
            if (wait <= 0 || held.size() > bufferSize) {
                return false;
            }
            changed.awaitNanos(wait);
        }
        return true;
    }

    private long takeDropped() {
        long n = dropped;
        dropped = 0;
        return n;
    }

    private void deliver(List<ILoggingEvent> batch, long lost) {
        if (lost > 0) {
            children.appendLoopOnAppenders(droppedWarning(lost));
        }
        for (ILoggingEvent e : batch) {
            children.appendLoopOnAppenders(e);
        }
    }

    private ILoggingEvent droppedWarning(long lost) {
        LoggingEvent e = new LoggingEvent();
        if (getContext() instanceof LoggerContext lc) {
            e.setLoggerContext(lc);
            e.setLoggerContextRemoteView(lc.getLoggerContextRemoteView());
        }
        e.setLoggerName(TimeOrderedAppender.class.getName());
        e.setLevel(Level.WARN);
        e.setMessage(lost + " log events were dropped: more than " + (2L * bufferSize)
                + " were waiting for the appenders of " + name);
        e.setThreadName(Thread.currentThread().getName());
        e.setInstant(Instant.now());
        e.setMDCPropertyMap(Map.of());
        e.setCallerData(CallerData.EMPTY_CALLER_DATA_ARRAY);
        return e;
    }

    private static long saturatedEpochNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        children.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return children.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return children.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return children.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        children.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return children.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return children.detachAppender(name);
    }
}

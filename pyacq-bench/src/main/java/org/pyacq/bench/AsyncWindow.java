package org.pyacq.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Bounds the calls in flight from one issuing thread, at a cost of one atomic update per call on
 * each side. When the window is full the issuer parks until it has drained by a tenth, so the
 * completing thread wakes it about once per {@code size / 10} replies rather than once per
 * reply (with 500: between 450 and 500 calls stay in flight). Results are summed so the caller
 * can check them all without keeping the futures.
 */
final class AsyncWindow {
    private final int size;
    private final int resumeAt;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong resultSum = new AtomicLong();
    private final BiConsumer<Object, Throwable> onDone = this::done;
    private final AtomicReference<Thread> waiter = new AtomicReference<>();
    /** The count the waiting issuer waits for: the resume level, or 0 when draining. */
    private volatile int wakeAt;
    private volatile Throwable failure;

    AsyncWindow(int size) {
        this.size = size;
        this.resumeAt = size - Math.max(1, size / 10);
    }

    /** Waits, if the window is full, until there is room for one more call. Issuing thread only. */
    void acquire(long deadlineNanos) {
        if (inFlight.get() >= size) {
            awaitAtMost(resumeAt, deadlineNanos);
        }
        inFlight.incrementAndGet();
    }

    /** Tracks a call issued after {@link #acquire}. */
    void track(CompletableFuture<?> call) {
        call.whenComplete(onDone);
    }

    /** Waits until every tracked call has completed; throws the first failure. Issuing thread only. */
    void drain(long deadlineNanos) {
        awaitAtMost(0, deadlineNanos);
        Throwable f = failure;
        if (f != null) {
            throw new BenchException("a pipelined call failed: " + f, f);
        }
    }

    /** The sum of all integer results so far. */
    long resultSum() {
        return resultSum.get();
    }

    private void done(Object value, Throwable error) {
        if (error != null) {
            if (failure == null) {
                failure = error;
            }
        } else if (value instanceof Number n) {
            resultSum.addAndGet(n.longValue());
        }
        // Dekker-style with awaitAtMost: the issuer publishes itself before re-reading the count,
        // we update the count before reading the waiter, so one of us always sees the other.
        // Taking the waiter out means one unpark per park, not one per reply.
        if (inFlight.decrementAndGet() <= wakeAt) {
            Thread w = waiter.get();
            if (w != null && waiter.compareAndSet(w, null)) {
                LockSupport.unpark(w);
            }
        }
    }

    private void awaitAtMost(int level, long deadlineNanos) {
        Thread me = Thread.currentThread();
        try {
            int n;
            wakeAt = level;
            while ((n = inFlight.get()) > level) {
                waiter.set(me);
                if ((n = inFlight.get()) <= level) {
                    break;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new BenchException(n + " pipelined calls still had no reply at the deadline");
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waiter.set(null);
        }
        Throwable f = failure;
        if (f != null) {
            throw new BenchException("a pipelined call failed: " + f, f);
        }
    }
}

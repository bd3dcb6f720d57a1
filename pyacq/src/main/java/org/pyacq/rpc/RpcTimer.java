package org.pyacq.rpc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a callback at a fixed interval (start to start, like pyacq's timer), up to a limit or
 * until stopped. A local callback runs on its server's thread, so it sees the server's objects
 * as requests do; a remote callback (a proxy) is called from the timer's own thread. Started by
 * {@link RpcServer#startTimer}; stopped when its server closes.
 */
public final class RpcTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcTimer.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final RpcServer server;
    private final Object callback;
    private final long intervalNanos;
    private final int limit;
    private final Object lock = new Object();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    RpcTimer(RpcServer server, Object callback, Duration interval, int limit) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("timer interval must be positive, got " + interval);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("timer limit must be 0 (no limit) or positive, got " + limit);
        }
        this.server = server;
        this.callback = java.util.Objects.requireNonNull(callback, "callback");
        this.intervalNanos = interval.toNanos();
        this.limit = limit;
    }

    synchronized RpcTimer start() {
        if (thread != null) {
            throw new IllegalStateException("timer already started");
        }
        running = true;
        thread = new Thread(this::run, "pyacq-timer-" + server.name() + "-" + COUNTER.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        try {
            long next = System.nanoTime();
            while (running && (limit == 0 || calls.get() < limit)) {
                long now = System.nanoTime();
                if (now < next) {
                    synchronized (lock) {
                        long waitNanos = next - now;
                        if (running) {
                            lock.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                        }
                    }
                    continue;
                }
                next = now + intervalNanos;
                if (!tick()) {
                    break;
                }
                calls.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            finished.countDown();
            server.forgetTimer(this);
        }
    }

    /** Calls the callback once; false if the timer should stop. */
    private boolean tick() throws InterruptedException {
        try {
            if (callback instanceof ObjectProxy) {
                server.invoker().call(callback, List.of());
            } else {
                CompletableFuture<Object> done = new CompletableFuture<>();
                server.loop().post(() -> {
                    try {
                        done.complete(server.invoker().call(callback, List.of()));
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                });
                while (running) {
                    try {
                        done.get(100, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (server.isClosed()) {
                            return false;
                        }
                    }
                }
            }
            return true;
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } catch (ServerDisconnectedException e) {
            log.warn("timer on {} stops: its callback's server is gone ({})", server.name(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private boolean failed(Throwable t) {
        int n = failures.incrementAndGet();
        if (n <= 3) {
            log.warn("timer callback on {} failed{}", server.name(), n == 3 ? " (further failures not logged)" : "",
                    ErrorLines.unwrap(t));
        }
        return !(ErrorLines.unwrap(t) instanceof ServerDisconnectedException);
    }

    /** Stops calling the callback (a call in progress finishes). */
    public void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return running;
    }

    /** How many times the callback has been called. */
    public int count() {
        return calls.get();
    }

    /** Like {@link #awaitDone(Duration)}, in seconds (handy for remote callers). */
    public boolean awaitDone(double seconds) {
        return awaitDone(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** Waits until the timer has stopped (limit reached or stopped); true if it has. */
    public boolean awaitDone(Duration timeout) {
        try {
            return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

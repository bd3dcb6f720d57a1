package org.pyacq.rpc;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fails asynchronous calls whose timeout passes (the process has one of
 * these, like the JDK's own delayer for {@code CompletableFuture.orTimeout}).
 */
final class Timeouts {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "pyacq-timeouts");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Timeouts() {
    }

    static ScheduledFuture<?> schedule(Runnable task, Duration after) {
        return TIMER.schedule(task, after.toNanos(), TimeUnit.NANOSECONDS);
    }
}

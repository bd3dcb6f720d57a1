package org.pyacq.log;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval, saying how many were not logged in between,
 * so that a peer that keeps sending garbage cannot flood the log. Thread-safe.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastLogged;
    private boolean loggedOnce;
    private long suppressed;

    ThrottledWarning(Logger log, long interval, TimeUnit unit) {
        this(log, interval, unit, System::nanoTime);
    }

    ThrottledWarning(Logger log, long interval, TimeUnit unit, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
        this.clock = nanoClock;
    }

    /** Logs {@code message} now, or counts it if one was logged less than an interval ago. */
    synchronized void warn(String message, Throwable cause) {
        long now = clock.getAsLong();
        if (loggedOnce && now - lastLogged < intervalNanos) {
            suppressed++;
            return;
        }
        String text = suppressed == 0 ? message
                : message + " (" + suppressed + " similar problems not logged since the last report)";
        suppressed = 0;
        loggedOnce = true;
        lastLogged = now;
        if (cause == null) {
            log.warn(text);
        } else {
            log.warn(text, cause);
        }
    }
}

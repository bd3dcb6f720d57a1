package org.pyacq.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits until something observable holds, polling, and fails with what was awaited when the time
 * is up. For conditions no callback reports (a child's status, a file, a log line).
 *
 * <pre>{@code
 * Await.until("the child restarts", () -> info("w1").get("pid") != oldPid);
 * ILoggingEvent e = Await.value("the child's record", () -> events.stream().filter(p).findFirst());
 * }</pre>
 */
public final class Await {
    /** How long a wait lasts unless the caller says: generous, for a loaded 2-core CI machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = 10_000_000;

    private Await() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} holds. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} until {@code condition} holds; fails naming {@code what} otherwise. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code probe} finds a value, and returns it. */
    public static <T> T value(String what, Supplier<Optional<T>> probe) {
        return value(what, DEFAULT_TIMEOUT, probe);
    }

    /** Waits up to {@code timeout} until {@code probe} finds a value, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(probe, "probe");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }
}

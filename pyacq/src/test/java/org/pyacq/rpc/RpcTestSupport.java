package org.pyacq.rpc;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.pyacq.testing.Await;

/** Small helpers for the RPC tests: waiting for conditions without fixed sleeps. */
final class RpcTestSupport {
    private RpcTestSupport() {
    }

    /** Waits until the condition holds, polling; fails after {@code timeout}. */
    static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    /** Runs the GC until the condition holds (for automatic release tests). */
    static void gcUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            System.gc();
            System.runFinalization();
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }
}

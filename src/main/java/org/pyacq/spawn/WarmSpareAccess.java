package org.pyacq.spawn;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/** Lets tools (the start-up benchmark) wait until a warm spare is ready for some options. */
public final class WarmSpareAccess {
    private static final long POLL_NANOS = 50_000_000;

    private WarmSpareAccess() {
    }

    /**
     * Waits (at most {@code timeout}) until an idle warm spare for {@code options} exists and has
     * finished warming up (its CPU time stops growing); true if it did.
     */
    public static boolean awaitReadySpare(SpawnOptions options, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration lastCpu = null;
        while (System.nanoTime() < deadline) {
            OptionalLong pid = ProcessSpawner.idleSparePid(options);
            Optional<Duration> cpu = pid.isPresent()
                    ? ProcessHandle.of(pid.getAsLong()).flatMap(h -> h.info().totalCpuDuration()) : Optional.empty();
            if (cpu.isPresent() && cpu.get().equals(lastCpu)) {
                return true;
            }
            lastCpu = cpu.orElse(null);
            LockSupport.parkNanos(POLL_NANOS * 2);
        }
        return false;
    }
}

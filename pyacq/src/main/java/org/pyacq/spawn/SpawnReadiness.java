package org.pyacq.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a spawn with some options starts as fast as it can: its class-data sharing archive
 * exists, and an idle warm spare has finished warming up (its CPU time stops growing).
 */
final class SpawnReadiness {
    private static final long POLL_NANOS = 100_000_000;

    private SpawnReadiness() {
    }

    static boolean await(SpawnOptions options, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (options.classDataSharing() && !awaitArchive(options, deadline)) {
            return false;
        }
        return !options.warmSpare() || awaitReadySpare(options, deadline);
    }

    private static boolean awaitArchive(SpawnOptions options, long deadline) {
        if (!ClassDataSharing.archivable(options.classPath()) || ClassDataSharing.train(options)) {
            return true; // no archive to wait for, or it exists now
        }
        Path archive;
        try {
            archive = ClassDataSharing.archivePath(options);
        } catch (IOException e) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(archive)) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return false;
    }

    private static boolean awaitReadySpare(SpawnOptions options, long deadline) {
        Duration lastCpu = null;
        while (System.nanoTime() < deadline) {
            OptionalLong pid = ProcessSpawner.idleSparePid(options);
            Optional<Duration> cpu = pid.isPresent()
                    ? ProcessHandle.of(pid.getAsLong()).flatMap(h -> h.info().totalCpuDuration()) : Optional.empty();
            if (cpu.isPresent() && cpu.get().equals(lastCpu)) {
                return true;
            }
            lastCpu = cpu.orElse(null);
            LockSupport.parkNanos(POLL_NANOS);
        }
        return false;
    }
}

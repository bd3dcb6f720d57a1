package org.pyacq.spawn;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A parent JVM for the orphaned-spare test: spawns with a warm spare, prints the spare's pid, then waits to be killed. */
public final class SpareParent {
    private SpareParent() {
    }

    public static void main(String[] args) throws Exception {
        SpawnOptions options = SpawnOptions.builder("spare-parent-child").classDataSharing(false).warmSpare(true)
                .startupTimeout(Duration.ofSeconds(60)).build();
        ProcessSpawner.spawn(options);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ProcessSpawner.idleSparePid(options).isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
        System.out.println("SPARE " + ProcessSpawner.idleSparePid(options).orElse(-1));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package org.pyacq.spawn;

import java.util.concurrent.CountDownLatch;

/** A parent JVM for the orphan test: spawns a child, prints its pid, then waits to be killed. */
public final class OrphanParent {
    private OrphanParent() {
    }

    public static void main(String[] args) throws Exception {
        SpawnedProcess child = ProcessSpawner.spawn(SpawnOptions.builder("orphan-child").classDataSharing(false).build());
        System.out.println("CHILD " + child.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

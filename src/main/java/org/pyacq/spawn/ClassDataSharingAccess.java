package org.pyacq.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Lets tools (the start-up benchmark) make sure the class-data sharing archive for some options exists. */
public final class ClassDataSharingAccess {
    private ClassDataSharingAccess() {
    }

    /** Trains the archive for {@code options} if needed and waits (at most {@code timeout}) until it exists. */
    public static boolean awaitArchive(SpawnOptions options, Duration timeout) {
        if (ClassDataSharing.train(options)) {
            return true;
        }
        try {
            Path archive = ClassDataSharing.archivePath(options);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.isRegularFile(archive)) {
                    return true;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}

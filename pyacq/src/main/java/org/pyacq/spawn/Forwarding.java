package org.pyacq.spawn;

import java.time.Duration;
import org.pyacq.log.LineForwarder;

/** Waits (briefly) for a child's output to be read to its end, so its last lines are known. */
final class Forwarding {
    private Forwarding() {
    }

    static void awaitEnd(LineForwarder forwarder) {
        try {
            forwarder.awaitEnd(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

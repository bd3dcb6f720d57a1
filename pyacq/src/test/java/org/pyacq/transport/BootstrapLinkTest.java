package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bootstrap channel between a spawning parent and its child, with a real PAIR pair and a real TCP squatter. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BootstrapLinkTest {
    private static final byte[] STATUS = "{\"address\": \"tcp://127.0.0.1:1\"}".getBytes(StandardCharsets.US_ASCII);

    /** The child's side as Bootstrap runs it: the status every 10 ms until the parent answers. */
    private static CompletableFuture<String> child(String endpoint, TransportSecurity security) {
        return CompletableFuture.supplyAsync(() -> {
            try (BootstrapLink link = BootstrapLink.connect(endpoint, security)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() - deadline < 0) {
                    link.trySend(STATUS);
                    byte[] answer = link.receive(Duration.ofMillis(10));
                    if (answer != null) {
                        return new String(answer, StandardCharsets.US_ASCII);
                    }
                }
                return null;
            }
        });
    }

    private static ByteBuffer awaitStatus(BootstrapLink parent) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            parent.arm();
            ByteBuffer status = parent.receive();
            if (status != null) {
                return status;
            }
            parent.awaitReadable(deadline - System.nanoTime());
        }
        return null;
    }

    /**
     * A connection accepted but never greeted takes the bound PAIR's only peer slot; the child that
     * connects meanwhile got a connection that stayed silent for good (the parent waited out its
     * 30 s). The link binds again at its port and the child's status comes through.
     */
    @Test
    void aConnectionSquattingThePeerSlotDoesNotKeepTheChildOut() throws Exception {
        TransportSecurity security = DefaultSecurity.get();
        try (BootstrapLink parent = BootstrapLink.bind(security)) {
            String endpoint = parent.endpoint();
            int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            try (Socket squatter = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertTrue(squatter.isConnected());
                CompletableFuture<String> child = child(endpoint, security);
                ByteBuffer status = awaitStatus(parent);
                assertNotNull(status, "the child's status never reached the parent");
                assertEquals(new String(STATUS, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII.decode(status).toString());
                assertTrue(parent.rebinds() >= 1, "the status came without binding again: the squatter did not hold the slot");
                assertEquals(endpoint, parent.endpoint(), "the endpoint the child was given must not change");
                parent.send("OK");
                assertEquals("OK", child.get(30, TimeUnit.SECONDS));
            }
        }
    }

    /** The ordinary case: no squatter, the status comes on the first socket. */
    @Test
    void aChildReportsAtOnceWithoutBindingAgain() throws Exception {
        TransportSecurity security = DefaultSecurity.get();
        try (BootstrapLink parent = BootstrapLink.bind(security)) {
            CompletableFuture<String> child = child(parent.endpoint(), security);
            assertNotNull(awaitStatus(parent), "the child's status never reached the parent");
            parent.send("OK");
            assertEquals("OK", child.get(30, TimeUnit.SECONDS));
        }
    }

    /** A wake-up from another thread ends the wait even while the link binds again. */
    @Test
    void aWakeUpEndsTheWait() throws Exception {
        try (BootstrapLink parent = BootstrapLink.bind(DefaultSecurity.get())) {
            parent.arm();
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> parent.awaitReadable(-1));
            // let at least one rebind pass before the wake-up, so the flag survives a socket change
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parent.rebinds() == 0 && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            parent.wakeup();
            assertEquals(Boolean.FALSE, waited.get(30, TimeUnit.SECONDS));
        }
    }
}

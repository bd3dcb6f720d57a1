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
            byte[] answer = BootstrapLink.report(endpoint, security, STATUS, 10, Duration.ofSeconds(30));
            return answer == null ? null : new String(answer, StandardCharsets.US_ASCII);
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

    /**
     * The child's first connection meets a peer that fails the handshake (here a fake one speaking
     * ZeroMQ's NULL mechanism to a CURVE client): JeroMQ ends that socket's session for good and never
     * dials again. The real parent then binds the port; the child's fresh socket reaches it.
     */
    @Test
    void aChildWhoseFirstConnectionFailedForGoodReportsOnAFreshOne() throws Exception {
        TransportSecurity security = DefaultSecurity.get();
        org.junit.jupiter.api.Assumptions.assumeFalse(security.isPlain(), "needs CURVE: the fake peer speaks NULL");
        int port;
        CompletableFuture<String> child;
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = fake.getLocalPort();
            child = child("tcp://127.0.0.1:" + port, security);
            try (Socket peer = fake.accept()) {
                byte[] greeting = new byte[64];   // ZMTP 3.0 greeting with the NULL mechanism
                greeting[0] = (byte) 0xff;
                greeting[9] = 0x7f;
                greeting[10] = 3;
                System.arraycopy("NULL".getBytes(StandardCharsets.US_ASCII), 0, greeting, 12, 4);
                peer.getOutputStream().write(greeting);
                peer.getOutputStream().flush();
                // the client ends the connection once it sees the mechanism it does not speak
                assertEquals(-1, readToEnd(peer), "the child's socket hung up");
            }
        }
        try (BootstrapLink parent = BootstrapLink.bindAt("tcp://127.0.0.1:" + port, security)) {
            ByteBuffer status = awaitStatus(parent);
            assertNotNull(status, "the child's status never reached the parent");
            parent.send("OK");
            assertEquals("OK", child.get(30, TimeUnit.SECONDS));
        }
    }

    private static int readToEnd(Socket peer) throws java.io.IOException {
        peer.setSoTimeout(20_000);
        java.io.InputStream in = peer.getInputStream();
        byte[] buffer = new byte[256];
        int n;
        while ((n = in.read(buffer)) > 0) {
            // the child's greeting and whatever follows
        }
        return n;
    }
}

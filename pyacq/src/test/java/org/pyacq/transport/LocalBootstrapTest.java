package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same-host bootstrap channel: status in, answer out, owner-only file gone after use, and every failure ends a wait. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalBootstrapTest {
    private static final byte[] STATUS = "{\"address\": \"tcp://127.0.0.1:1\"}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    /** A waker that counts down a latch, as the spawner's PAIR link wakes its waiting thread. */
    private static final class Latch implements Waker {
        final CountDownLatch woken = new CountDownLatch(1);

        @Override
        public void wakeup() {
            woken.countDown();
        }
    }

    private LocalDirectory dir() {
        return LocalDirectory.at(tmp.resolve("local"));
    }

    private static CompletableFuture<byte[]> child(Path file, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LocalBootstrap.report(file, STATUS, timeout);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the child's report did not end within 30 s", e);
        }
    }

    @Test
    void theStatusComesInAndTheAnswerGoesBackThenTheFileIsGone() throws Exception {
        Latch latch = new Latch();
        Path file;
        CompletableFuture<byte[]> child;
        try (LocalBootstrap parent = LocalBootstrap.listen(dir(), latch)) {
            file = parent.file();
            assertEquals(tmp.resolve("local"), file.getParent());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertNull(parent.status());
            child = child(file, Duration.ofSeconds(30));
            assertTrue(latch.woken.await(30, TimeUnit.SECONDS), "the waker was not woken by the status");
            assertArrayEquals(STATUS, parent.status());
            parent.answer("OK");
            assertEquals("OK", new String(child.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(file), "the socket file outlived the spawn");
    }

    @Test
    void aReportToAMissingSocketFailsAtOnce() {
        IOException e = assertThrows(IOException.class,
                () -> LocalBootstrap.report(tmp.resolve("b-missing.sock"), STATUS, Duration.ofSeconds(30)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "no reason given: " + e);
    }

    @Test
    void aParentThatGoesAwayWithoutAnsweringFailsTheReport() throws Exception {
        Latch latch = new Latch();
        CompletableFuture<byte[]> child;
        try (LocalBootstrap parent = LocalBootstrap.listen(dir(), latch)) {
            child = child(parent.file(), Duration.ofSeconds(60));
            assertTrue(latch.woken.await(30, TimeUnit.SECONDS));
        }
        Throwable t = failure(child);
        assertTrue(t instanceof IOException, "expected the report to fail, got " + t);
    }

    @Test
    void aParentThatNeverAnswersIsWaitedForOnlyUntilTheTimeout() throws Exception {
        try (LocalBootstrap parent = LocalBootstrap.listen(dir(), new Latch())) {
            IOException e = assertThrows(IOException.class,
                    () -> LocalBootstrap.report(parent.file(), STATUS, Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
        }
    }

    @Test
    void aMessageThatIsNotAStatusIsDroppedAndTheNextChildCounts() throws Exception {
        Latch latch = new Latch();
        try (LocalBootstrap parent = LocalBootstrap.listen(dir(), latch)) {
            try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                raw.connect(UnixDomainSocketAddress.of(parent.file()));
                // two frames: 4-byte count, two lengths, the bytes
                ByteBuffer m = ByteBuffer.allocate(4 + 8 + 2).putInt(2).putInt(1).putInt(1).put((byte) 'a').put((byte) 'b');
                raw.write(m.flip());
                assertEquals(-1, raw.read(ByteBuffer.allocate(8)), "the parent should close a connection it cannot use");
            }
            assertNull(parent.status());
            CompletableFuture<byte[]> child = child(parent.file(), Duration.ofSeconds(30));
            assertTrue(latch.woken.await(30, TimeUnit.SECONDS));
            assertArrayEquals(STATUS, parent.status());
            parent.answer("OK");
            assertEquals("OK", new String(child.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        }
    }

    @Test
    void closingBeforeAnyChildCameEndsTheReaderAndRemovesTheFile() throws Exception {
        LocalBootstrap parent = LocalBootstrap.listen(dir(), new Latch());
        Path file = parent.file();
        java.util.List<Thread> readers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pyacq-local-bootstrap")).toList();
        assertFalse(readers.isEmpty(), "no reading thread");
        parent.close();
        assertFalse(Files.exists(file));
        for (Thread t : readers) {
            t.join(10_000);
            assertFalse(t.isAlive(), "the reading thread still runs after close");
        }
        assertThrows(IOException.class, () -> LocalBootstrap.report(file, STATUS, Duration.ofSeconds(5)));
    }
}

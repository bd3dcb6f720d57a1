package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same-host framing: whole messages both ways, large frames, limits, and a peer that breaks the rules. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalConnectionTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private LocalConnection a;
    private LocalConnection b;
    private SocketChannel rawA;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("t.sock")));
        rawA = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("t.sock")));
        SocketChannel rawB = server.accept();
        a = new LocalConnection(rawA, 1 << 20, "a");
        b = new LocalConnection(rawB, 1 << 20, "b");
    }

    @AfterEach
    void close() throws IOException {
        a.close();
        b.close();
        server.close();
    }

    /** Pumps both sides until {@code b} has a whole message. */
    private Frames.Received receiveOnB(int maxFrames) throws IOException {
        for (int i = 0; i < 100_000; i++) {
            a.flush();
            Frames.Received m = b.receive(maxFrames);
            if (m != null) {
                return m;
            }
            b.ready(java.nio.channels.SelectionKey.OP_READ);
            Thread.onSpinWait();
        }
        throw new AssertionError("no whole message arrived");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void messagesArriveWholeWithEmptySmallAndLargeFrames() throws IOException {
        byte[] large = new byte[700 * 1024];
        large[0] = 1;
        large[large.length - 1] = 9;
        for (int round = 0; round < 3; round++) {
            a.send(new byte[][] {"17".getBytes(), new byte[0]}, ByteBuffer.wrap(large));
            Frames.Received m = receiveOnB(8);
            assertEquals(3, m.count());
            assertArrayEquals("17".getBytes(), bytes(m.frames().get(0)));
            assertEquals(0, m.frames().get(1).remaining());
            assertArrayEquals(large, bytes(m.frames().get(2)));
            assertTrue(m.frames().get(2).isDirect(), "a large frame lands in a pooled direct buffer");
            Frames.release(m.frames().get(2));
        }
        assertNull(b.receive(8));
    }

    @Test
    void framesBeyondTheKeptCountAreReadAndDropped() throws IOException {
        a.send(new byte[][] {"x".getBytes(), "y".getBytes(), "z".getBytes()}, ByteBuffer.wrap(new byte[300_000]));
        a.send(new byte[][] {}, ByteBuffer.wrap("next".getBytes()));
        Frames.Received first = receiveOnB(2);
        assertEquals(4, first.count());
        assertEquals(2, first.frames().size());
        assertArrayEquals("next".getBytes(), bytes(receiveOnB(2).frames().get(0)));
    }

    @Test
    void aPeerThatBreaksTheFramingOrTheSizeLimitIsCaught() throws IOException {
        rawA.write(ByteBuffer.allocate(4).putInt(0, 1000));
        LocalConnection.ProtocolViolation e = assertThrows(LocalConnection.ProtocolViolation.class, () -> receiveOnB(8));
        assertEquals("b sent a message of 1000 frames; at most 64 are allowed", e.getMessage());
    }

    @Test
    void aMessageOverTheLimitIsRefusedBeforeItsBytesAreRead() throws IOException {
        rawA.write(ByteBuffer.allocate(12).putInt(2).putInt(10).putInt(2 << 20).flip());
        LocalConnection.ProtocolViolation e = assertThrows(LocalConnection.ProtocolViolation.class, () -> receiveOnB(8));
        assertEquals("b sent a message larger than the limit of 1048576 bytes", e.getMessage());
    }

    @Test
    void thePeerClosingIsSeen() throws IOException {
        a.close();
        assertNull(receiveOnBOrNull());
        assertTrue(b.isLost());
    }

    private Frames.Received receiveOnBOrNull() throws IOException {
        for (int i = 0; i < 1000 && !b.isLost(); i++) {
            Frames.Received m = b.receive(8);
            if (m != null) {
                return m;
            }
            b.ready(java.nio.channels.SelectionKey.OP_READ);
        }
        return null;
    }
}

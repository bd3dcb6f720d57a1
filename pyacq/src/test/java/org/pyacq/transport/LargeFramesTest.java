package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.testing.Await;
import org.zeromq.ZMQ;

/** Pooled direct buffers for large outgoing frames, sent through real sockets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeFramesTest {
    private static final TransportSecurity PLAIN = TransportSecurity.plain(false);

    @Test
    void aBufferIsPositionedAtZeroAndBigEnough() {
        ByteBuffer b = LargeFrames.allocate(LargeFrames.THRESHOLD + 1);
        try {
            assertTrue(b.isDirect());
            assertEquals(0, b.position());
            assertTrue(b.capacity() >= LargeFrames.THRESHOLD + 1);
        } finally {
            LargeFrames.release(b);
        }
    }

    @Test
    void aReleasedBufferIsLentAgainAndALeasedOneIsNot() {
        int size = LargeFrames.THRESHOLD * 3 + 17;
        ByteBuffer first = LargeFrames.allocate(size);
        ByteBuffer second = LargeFrames.allocate(size);
        assertNotSame(first, second, "a buffer in use is not lent twice");
        LargeFrames.release(second);
        LargeFrames.release(first);
        ByteBuffer again = LargeFrames.allocate(size);
        try {
            assertTrue(again == first || again == second, "a released buffer of the right size is reused");
        } finally {
            LargeFrames.release(again);
        }
    }

    @Test
    void aSentFrameArrivesWholeAndItsBufferReturnsToThePoolOnceWritten() {
        int size = LargeFrames.THRESHOLD * 4 + 3;
        ZMQ.Socket router = Sockets.bindRouter("tcp://127.0.0.1:*", PLAIN);
        ZMQ.Socket dealer = Sockets.connectDealer(Sockets.endpoint(router), new byte[] {1, 2}, PLAIN, null);
        try {
            ByteBuffer out = LargeFrames.allocate(size);
            for (int i = 0; i < size; i++) {
                out.put((byte) (i * 31));
            }
            out.flip();
            Frames.send(dealer, new byte[][] {{9}}, out);

            Frames.Received in = Await.value("the router receives the frame", Duration.ofSeconds(30),
                    () -> java.util.Optional.ofNullable(Frames.receive(router, 4)));
            assertEquals(3, in.count(), "identity, head frame, body");
            ByteBuffer body = in.frames().get(2);
            assertNotNull(body);
            assertEquals(size, body.remaining());
            assertTrue(body.isDirect(), "a large frame is received into direct memory");
            for (int i = 0; i < size; i++) {
                assertEquals((byte) (i * 31), body.get(body.position() + i), "byte " + i);
            }
            Frames.release(body);

            // the frame is written out: the same buffer serves the next large frame of that size
            ByteBuffer next = LargeFrames.allocate(size);
            try {
                assertSame(out, next);
            } finally {
                LargeFrames.release(next);
            }
        } finally {
            dealer.close();
            router.close();
        }
    }
}

package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import zmq.Msg;

/** Where received frames are put: small ones on the heap, large ones in direct buffers reused once handed back. */
class ReceiveBuffersTest {
    private final ReceiveBuffers buffers = new ReceiveBuffers();

    private ReceiveBuffers.LeasedMsg large(int size) {
        Msg m = buffers.allocate(size);
        assertTrue(m instanceof ReceiveBuffers.LeasedMsg, "a frame of " + size + " bytes goes to direct memory");
        return (ReceiveBuffers.LeasedMsg) m;
    }

    /** What Frames does with a received large frame: the receiver's view, noted as leased. */
    private ByteBuffer receive(ReceiveBuffers.LeasedMsg m) {
        ByteBuffer view = m.buf();
        buffers.lease(view, m.storage);
        return view;
    }

    @Test
    void smallFramesGoOnTheHeap() {
        Msg m = buffers.allocate(LargeFrames.THRESHOLD - 1);
        assertFalse(m instanceof ReceiveBuffers.LeasedMsg);
        assertEquals(LargeFrames.THRESHOLD - 1, m.size());
        assertFalse(m.buf().isDirect());
    }

    @Test
    void aLargeFrameIsADirectViewOfExactlyItsSizeStartingAtZero() {
        ReceiveBuffers.LeasedMsg m = large(LargeFrames.THRESHOLD + 10);
        assertTrue(m.storage.isDirect());
        assertEquals(LargeFrames.THRESHOLD + 10, m.size());
        ByteBuffer view = m.buf();
        assertEquals(0, view.position());
        assertEquals(LargeFrames.THRESHOLD + 10, view.remaining());
    }

    @Test
    void aFrameHandedBackLendsItsStorageToTheNextLargeFrame() {
        ReceiveBuffers.LeasedMsg first = large(LargeFrames.THRESHOLD * 2);
        buffers.giveBack(receive(first));
        assertSame(first.storage, large(LargeFrames.THRESHOLD).storage, "a smaller frame fits the freed buffer");
    }

    @Test
    void storageTooSmallOrNeverHandedBackIsNotReused() {
        ReceiveBuffers.LeasedMsg small = large(LargeFrames.THRESHOLD);
        buffers.giveBack(receive(small));
        ReceiveBuffers.LeasedMsg bigger = large(LargeFrames.THRESHOLD * 2);
        assertNotSame(small.storage, bigger.storage, "a freed buffer too small for the frame");
        ReceiveBuffers.LeasedMsg kept = large(LargeFrames.THRESHOLD);
        receive(kept); // the receiver keeps it
        assertSame(small.storage, kept.storage, "the free buffer that fits is taken");
        assertNotSame(kept.storage, large(LargeFrames.THRESHOLD).storage, "a frame still held is not lent again");
    }

    @Test
    void handingBackAnUnknownBufferChangesNothing() {
        buffers.giveBack(ByteBuffer.allocateDirect(LargeFrames.THRESHOLD));
        ReceiveBuffers.LeasedMsg m = large(LargeFrames.THRESHOLD);
        ByteBuffer view = receive(m);
        buffers.giveBack(view.duplicate()); // another view object of the same memory is not the frame
        assertNotSame(m.storage, large(LargeFrames.THRESHOLD).storage);
    }

    @Test
    void onlyTheLatestLeasesAreRemembered() {
        ReceiveBuffers.LeasedMsg oldest = large(LargeFrames.THRESHOLD);
        ByteBuffer oldestView = receive(oldest);
        for (int i = 0; i < 4; i++) {
            receive(large(LargeFrames.THRESHOLD));
        }
        buffers.giveBack(oldestView); // forgotten: left to the garbage collector
        assertNotSame(oldest.storage, large(LargeFrames.THRESHOLD).storage);
    }
}

package org.pyacq.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Crafted frames that try to make the decoders allocate without bound or recurse off the stack:
 * each must fail at once with a clear {@link WireFormatException}, having allocated little.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFrameTest {
    /** Far less than any of the lengths these frames declare. */
    private static final long ALLOCATION_BOUND = 4 << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Decodes {@code frame}, expecting a failure whose message contains {@code expected}; checks what it allocated. */
    private static String rejects(Serializer s, byte[] frame, String expected) {
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        WireFormatException e = assertThrows(WireFormatException.class, () -> s.decode(buffer, ValueMapper.PLAIN));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(allocated < ALLOCATION_BOUND + 4L * frame.length, "decoding a " + frame.length
                + "-byte frame allocated " + allocated + " bytes before failing");
        return e.getMessage();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void aBinaryDeclaringMoreThanTheFrameIsRejectedBeforeAllocating() {
        // bin32 of 2^31-1 bytes, followed by 3 bytes
        String m = rejects(Serializers.MSGPACK, bytes(0xc6, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3), "binary declares");
        assertEquals("binary declares 2147483647 but only 3 bytes remain in the frame", m);
    }

    @Test
    void aStringDeclaringMoreThanTheFrameIsRejectedBeforeAllocating() {
        assertEquals("string declares 1000000000 but only 2 bytes remain in the frame",
                rejects(Serializers.MSGPACK, bytes(0xdb, 0x3b, 0x9a, 0xca, 0x00, 'h', 'i'), "string declares"));
    }

    @Test
    void hugeArrayAndMapHeadersWithFewBytesAreRejected() throws IOException {
        assertEquals("array of 2147483647 items declares 2147483647 but only 1 bytes remain in the frame",
                rejects(Serializers.MSGPACK, bytes(0xdd, 0x7f, 0xff, 0xff, 0xff, 0xc0), "array of"));
        assertEquals("map of 2147483647 entries declares 4294967294 but only 2 bytes remain in the frame",
                rejects(Serializers.MSGPACK, bytes(0xdf, 0x7f, 0xff, 0xff, 0xff, 0xc0, 0xc0), "map of"));
        // beyond Java's int range: msgpack-java refuses the header itself
        rejects(Serializers.MSGPACK, bytes(0xdf, 0xff, 0xff, 0xff, 0xff, 0xc0, 0xc0), "malformed msgpack");
        // an ndarray whose shape needs far more than its data
        rejects(Serializers.MSGPACK, hugeArrayShape(), "needs more bytes than the 16 sent");
    }

    /** An ndarray tag whose shape asks for 2^60 doubles but whose data holds two. */
    private static byte[] hugeArrayShape() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(4);
        p.packString("___type_name___").packString("ndarray");
        p.packString("dtype").packString("float64");
        p.packString("shape").packArrayHeader(2).packInt(1 << 30).packInt(1 << 30);
        p.packString("data").packBinaryHeader(16).writePayload(new byte[16]);
        return p.toByteArray();
    }

    @Test
    void aMillionLevelsOfNestingFailWithoutOverflowingTheStack() {
        byte[] msgpack = new byte[1_000_001];
        Arrays.fill(msgpack, (byte) 0x91);          // fixarray of one item, a million times
        msgpack[msgpack.length - 1] = (byte) 0xc0;  // nil at the bottom
        assertEquals("value nested deeper than 128 levels", rejects(Serializers.MSGPACK, msgpack, "nested deeper"));

        byte[] json = "[".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        rejects(Serializers.JSON, json, "JSON value exceeds a decoding limit: Document nesting depth (130) exceeds the"
                + " maximum allowed (129");
        byte[] objects = "{\"a\":".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        rejects(Serializers.JSON, objects, "exceeds the maximum allowed");
    }

    @Test
    void tooManyValuesInOneFrameAreRefused() {
        DecodeLimits small = new DecodeLimits(16, 1000);
        byte[] manyNils = new byte[5 + 5000];
        manyNils[0] = (byte) 0xdd;                 // array32 of 5000 nils
        manyNils[3] = 0x13;
        manyNils[4] = (byte) 0x88;
        Arrays.fill(manyNils, 5, manyNils.length, (byte) 0xc0);
        assertEquals("frame holds more than 1000 values (a container declares 5000 more)",
                rejects(Serializers.msgpack(small), manyNils, "frame holds more than"));

        String list = "[" + "null,".repeat(4999) + "null]";
        rejects(Serializers.json(small), list.getBytes(StandardCharsets.US_ASCII), "frame holds more than 1000 values");
    }

    @Test
    void overlongJsonNumbersAreRefused() {
        byte[] number = "1".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        rejects(Serializers.JSON, number, "JSON value exceeds a decoding limit: Number value length");
    }

    @Test
    void truncatedAndInvalidFramesFailClearly() {
        rejects(Serializers.MSGPACK, bytes(0x92, 0x01), "array of 2 items declares 2 but only 1 bytes remain");
        rejects(Serializers.MSGPACK, bytes(0xcb, 0x40, 0x09), "malformed msgpack");   // a float64 cut short
        rejects(Serializers.MSGPACK, bytes(0xd4, 0x01, 0x02), "not part of the protocol");   // an ext value
        rejects(Serializers.JSON, "{\"a\": [1, 2".getBytes(StandardCharsets.US_ASCII), "malformed JSON");
        Executable empty = () -> Serializers.MSGPACK.decode(ByteBuffer.allocate(0), ValueMapper.PLAIN);
        assertEquals("empty msgpack frame", assertThrows(WireFormatException.class, empty).getMessage());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(0, 10));
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1_000_000, 10));
        assertTrue(deep.getMessage().contains("could overflow the decoder's stack"), deep.getMessage());
    }
}

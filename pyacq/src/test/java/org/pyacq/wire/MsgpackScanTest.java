package org.pyacq.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The msgpack key scanner: every integer width, strings of every header, skipping every kind of value. */
class MsgpackScanTest {
    private static MsgpackScan scanOf(Object value) {
        return new MsgpackScan(ByteBuffer.wrap(Serializers.MSGPACK.encodeToBytes(value, ValueMapper.PLAIN)));
    }

    private static MsgpackScan raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new MsgpackScan(ByteBuffer.wrap(b));
    }

    @Test
    void integersOfEveryWidthAreRead() {
        for (long v : new long[] {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L,
                Long.MAX_VALUE, -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE, Long.MIN_VALUE}) {
            assertEquals(v, scanOf(v).integerOrSkip(), "value " + v);
        }
    }

    @Test
    void stringsOfEveryHeaderAreRead() {
        for (int length : new int[] {0, 31, 32, 255, 256, 70_000}) {
            String s = "x".repeat(length);
            assertEquals(s, scanOf(s).stringOrSkip(), "length " + length);
        }
        assertEquals("héllo", scanOf("héllo").stringOrSkip());
    }

    @Test
    void aValueOfAnotherKindIsSkippedAndGivesNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("list", List.of(1, List.of(2, 3)));
        m.put("text", "not a number");
        m.put("n", 5);
        MsgpackScan scan = scanOf(m);
        assertEquals(3, scan.mapHeader());
        assertEquals("list", scan.stringOrSkip());
        assertNull(scan.stringOrSkip(), "an array is not a string");
        assertEquals("text", scan.stringOrSkip());
        assertNull(scan.integerOrSkip(), "a string is not an integer");
        assertEquals("n", scan.stringOrSkip());
        assertEquals(5L, scan.integerOrSkip());
    }

    @Test
    void mapHeadersOfEverySizeAreRead() {
        for (int n : new int[] {0, 15, 16, 65_535, 65_536}) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put("k" + i, i);
            }
            assertEquals(n, scanOf(m).mapHeader(), "entries " + n);
        }
    }

    @Test
    void everyKindOfValueIsSkippedToTheNextKey() {
        List<Object> values = new ArrayList<>(List.of(true, false, 1.5, 1.5f, new byte[300], new byte[70_000],
                "s".repeat(300), List.of(1, List.of(2, List.of(3))), Map.of("a", Map.of("b", 1)), -200, 1L << 40));
        values.add(null);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            m.put("k" + i, values.get(i));
        }
        m.put("last", "found");
        MsgpackScan scan = scanOf(m);
        int n = scan.mapHeader();
        for (int i = 0; i < n - 1; i++) {
            assertEquals("k" + i, scan.stringOrSkip());
            scan.skip();
        }
        assertEquals("last", scan.stringOrSkip());
        assertEquals("found", scan.stringOrSkip());
    }

    @Test
    void extensionTypesAreSkipped() {
        // fixext 1, fixext 16, ext 8 with 3 bytes, then an integer
        MsgpackScan scan = raw(0xd4, 1, 9, 0xd8, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0xc7, 3, 1, 7, 7, 7, 0x2a);
        scan.skip();
        scan.skip();
        scan.skip();
        assertEquals(42L, scan.integerOrSkip());
    }

    @Test
    void malformedInputIsRejectedWithTheReason() {
        assertEquals("a reply must be a map", assertThrows(WireFormatException.class, () -> raw(0x91, 1).mapHeader()).getMessage());
        assertEquals("invalid msgpack byte 0xc1", assertThrows(WireFormatException.class, () -> raw(0xc1).skip()).getMessage());
        assertEquals("msgpack value runs past the end of the frame",
                assertThrows(WireFormatException.class, () -> raw(0xa5, 'a', 'b').stringOrSkip()).getMessage());
        assertEquals("msgpack length over 2 GiB",
                assertThrows(WireFormatException.class, () -> raw(0xdb, 0xff, 0xff, 0xff, 0xff).stringOrSkip()).getMessage());
        assertEquals("msgpack container declares 65535 items in 0 bytes",
                assertThrows(WireFormatException.class, () -> raw(0xdc, 0xff, 0xff).skip()).getMessage());
        assertEquals("msgpack value runs past the end of the frame",
                assertThrows(WireFormatException.class, () -> raw().skip()).getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        int[] bytes = new int[300];
        java.util.Arrays.fill(bytes, 0x91); // 300 nested one-element arrays
        assertEquals("reply nested too deeply", assertThrows(WireFormatException.class, () -> raw(bytes).skip()).getMessage());
    }
}

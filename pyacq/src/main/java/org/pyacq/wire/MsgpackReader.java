package org.pyacq.wire;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one msgpack value from a frame into the protocol's Java values, reading the buffer in
 * place: a heap frame or a direct one (large frames are received into direct memory), with no
 * per-frame decoder objects to set up. Containers and lengths are checked against what is left
 * in the frame and against {@link DecodeLimits} before anything is allocated for them.
 */
final class MsgpackReader {
    /** Containers grow past this as items arrive, so a header alone never reserves much memory. */
    private static final int INITIAL_CAPACITY = 1 << 16;

    private final ByteBuffer in;
    private final int end;
    private final ValueMapper mapper;
    private final DecodeLimits limits;
    private int pos;
    private int elements;

    MsgpackReader(ByteBuffer frame, ValueMapper mapper, DecodeLimits limits) {
        this.in = frame;
        this.pos = frame.position();
        this.end = frame.limit();
        this.mapper = mapper;
        this.limits = limits;
    }

    /** Decodes the frame's one value; fails if the frame is empty or has bytes after it. */
    Object readFrame() {
        if (pos >= end) {
            throw new WireFormatException("empty msgpack frame");
        }
        Object value = read(0, false);
        if (pos < end) {
            throw new WireFormatException("msgpack frame has " + (end - pos) + " bytes after its value");
        }
        return value;
    }

    /**
     * Reads one value. With {@code binAsSlice}, binary data is returned as a read-only view of the
     * frame (used for the fields of tagged values, where an array copies it once itself).
     */
    private Object read(int depth, boolean binAsSlice) {
        if (++elements > limits.maxElements()) {
            throw new WireFormatException("frame holds more than " + limits.maxElements() + " values");
        }
        int b = u8();
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (int) (byte) b;
        }
        if ((b & 0xe0) == 0xa0) {
            return string(b & 0x1f);
        }
        if ((b & 0xf0) == 0x90) {
            return array(b & 0x0f, depth);
        }
        if ((b & 0xf0) == 0x80) {
            return map(b & 0x0f, depth);
        }
        switch (b) {
            case 0xc0: return null;
            case 0xc2: return Boolean.FALSE;
            case 0xc3: return Boolean.TRUE;
            case 0xcc: return u8();
            case 0xcd: return u16();
            case 0xce: return narrow(s32() & 0xffffffffL);
            case 0xcf: return unsigned64(s64());
            case 0xd0: return (int) (byte) u8();
            case 0xd1: return (int) (short) u16();
            case 0xd2: return s32();
            case 0xd3: return narrow(s64());
            case 0xca: return Float.intBitsToFloat(s32());
            case 0xcb: return Double.longBitsToDouble(s64());
            case 0xd9: return string(u8());
            case 0xda: return string(u16());
            case 0xdb: return string(length32("string"));
            case 0xc4: return binary(u8(), binAsSlice);
            case 0xc5: return binary(u16(), binAsSlice);
            case 0xc6: return binary(length32("binary"), binAsSlice);
            case 0xdc: return array(u16(), depth);
            case 0xdd: return array(length32("array"), depth);
            case 0xde: return map(u16(), depth);
            case 0xdf: return map(length32("map"), depth);
            case 0xc1: throw malformed("invalid byte 0xc1 (never used)");
            default: throw new WireFormatException("msgpack " + extName(b) + " values are not part of the protocol");
        }
    }

    private String string(int len) {
        checkLength(len, "string");
        int at = pos;
        pos += len;
        if (in.hasArray()) {
            return StringCache.decode(in.array(), in.arrayOffset() + at, len);
        }
        byte[] bytes = new byte[len];
        in.get(at, bytes);
        return len <= StringCache.MAX_LENGTH ? StringCache.decode(bytes, 0, len)
                : new String(bytes, StandardCharsets.UTF_8);
    }

    private Object binary(int len, boolean asSlice) {
        checkLength(len, "binary");
        int at = pos;
        pos += len;
        if (asSlice) {
            return in.slice(at, len).asReadOnlyBuffer();
        }
        byte[] bytes = new byte[len];
        in.get(at, bytes);
        return bytes;
    }

    private List<Object> array(int n, int depth) {
        checkLength(n, "array of " + n + " items");
        checkDepth(depth);
        checkCount(n);
        List<Object> list = new WireList(Math.min(n, INITIAL_CAPACITY));
        for (int i = 0; i < n; i++) {
            list.add(read(depth + 1, false));
        }
        return list;
    }

    private Object map(int n, int depth) {
        checkLength(2L * n, "map of " + n + " entries");
        checkDepth(depth);
        checkCount(2L * n);
        Map<Object, Object> map = new WireMap(Math.max(4, Math.min(n, INITIAL_CAPACITY) * 4 / 3 + 1));
        if (n == 0) {
            return map;
        }
        Object firstKey = read(depth + 1, false);
        if (TaggedValues.TYPE_KEY.equals(firstKey)) {
            Object tag = read(depth + 1, false);
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 1; i < n; i++) {
                Object key = read(depth + 1, false);
                fields.put(String.valueOf(key), read(depth + 1, true));
            }
            return TaggedValues.decode(tag, fields, mapper);
        }
        map.put(firstKey, read(depth + 1, false));
        for (int i = 1; i < n; i++) {
            Object key = read(depth + 1, false);
            map.put(key, read(depth + 1, false));
        }
        if (map.containsKey(TaggedValues.TYPE_KEY)) {
            Object tag = map.remove(TaggedValues.TYPE_KEY);
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return TaggedValues.decode(tag, fields, mapper);
        }
        return map;
    }

    private void checkLength(long declared, String what) {
        long remaining = end - pos;
        if (declared > remaining) {
            throw new WireFormatException(what + " declares " + declared + " but only " + remaining
                    + " bytes remain in the frame");
        }
    }

    /** Fails before allocating a container whose items alone would exceed the element limit. */
    private void checkCount(long items) {
        if (items > (long) limits.maxElements() - elements) {
            throw new WireFormatException("frame holds more than " + limits.maxElements() + " values (a container "
                    + "declares " + items + " more)");
        }
    }

    private void checkDepth(int depth) {
        if (depth >= limits.maxDepth()) {
            throw new WireFormatException("value nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    private void need(int n) {
        if (end - pos < n) {
            throw malformed("a value runs past the end of the frame (at byte " + pos + " of " + end + ")");
        }
    }

    private int u8() {
        need(1);
        return in.get(pos++) & 0xff;
    }

    private int u16() {
        need(2);
        int v = in.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    private int s32() {
        need(4);
        int v = in.getInt(pos);
        pos += 4;
        return v;
    }

    private long s64() {
        need(8);
        long v = in.getLong(pos);
        pos += 8;
        return v;
    }

    private int length32(String what) {
        int n = s32();
        if (n < 0) {
            throw malformed(what + " of " + (n & 0xffffffffL) + " is longer than 2^31-1");
        }
        return n;
    }

    private static WireFormatException malformed(String detail) {
        return new WireFormatException("malformed msgpack: " + detail);
    }

    private static Object unsigned64(long bits) {
        if (bits >= 0) {
            return narrow(bits);
        }
        return new BigInteger(Long.toUnsignedString(bits));
    }

    private static String extName(int b) {
        switch (b) {
            case 0xd4: return "FIXEXT1";
            case 0xd5: return "FIXEXT2";
            case 0xd6: return "FIXEXT4";
            case 0xd7: return "FIXEXT8";
            case 0xd8: return "FIXEXT16";
            case 0xc7: return "EXT8";
            case 0xc8: return "EXT16";
            default: return "EXT32";
        }
    }

    /** Integers arrive as Integer when they fit, else Long. */
    static Object narrow(long v) {
        return v == (int) v ? (Object) (int) v : (Object) v;
    }
}

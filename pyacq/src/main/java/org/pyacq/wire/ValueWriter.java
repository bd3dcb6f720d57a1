package org.pyacq.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The part of encoding that both formats share: which Java values go on the wire as what
 * (PROTOCOL.md sections 4 and 9). Subclasses write the format's primitives.
 */
abstract class ValueWriter {
    static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final int MAX_DEPTH = 256;

    private final ValueMapper mapper;
    private int depth;

    ValueWriter(ValueMapper mapper) {
        this.mapper = mapper;
    }

    abstract void writeNil();

    abstract void writeBoolean(boolean v);

    abstract void writeLong(long v);

    /** An integer between {@code Long.MAX_VALUE + 1} and {@code 2^64 - 1}. */
    abstract void writeUnsigned64(BigInteger v);

    abstract void writeFloat(float v);

    abstract void writeDouble(double v);

    abstract void writeString(String v);

    abstract void writeBinary(byte[] v);

    abstract void beginArray(int size);

    abstract void endArray();

    abstract void beginMap(int size);

    /** Writes a map key; formats with string-only keys refuse others. */
    abstract void writeKey(Object key);

    abstract void endMap();

    /** Writes the {@code data} entry of an ndarray tag (the key is already written). */
    abstract void writeArrayData(NdArray array);

    final void write(Object v) {
        if (v == null) {
            writeNil();
        } else if (v instanceof String s) {
            writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            writeLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            writeDouble(d);
        } else if (v instanceof Boolean b) {
            writeBoolean(b);
        } else if (v instanceof Float f) {
            writeFloat(f);
        } else if (v instanceof ProxyRef p) {
            writeProxy(p);
        } else if (v instanceof byte[] b) {
            writeBinary(b);
        } else if (v instanceof List<?> || v instanceof Collection<?> || v instanceof Object[]) {
            writeSequence(v instanceof Object[] a ? a : ((Collection<?>) v).toArray());
        } else if (v instanceof Map<?, ?> m) {
            writeMap(m);
        } else if (v instanceof NdArray a) {
            writeNdArray(a);
        } else if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            if (v instanceof char[] c) {
                writeString(new String(c));
            } else {
                writeNdArray(NdArray.of(v));
            }
        } else if (v instanceof Character c) {
            writeString(c.toString());
        } else if (v instanceof LocalDateTime t) {
            writeTag("datetime", 1);
            writeKey("data");
            writeString(TaggedValues.formatDateTime(t));
            endMap();
        } else if (v instanceof LocalDate d) {
            writeTag("date", 1);
            writeKey("data");
            writeString(d.toString());
            endMap();
        } else if (v instanceof BigInteger b && b.signum() >= 0 && b.compareTo(MAX_UINT64) <= 0) {
            if (b.bitLength() < 64) {
                writeLong(b.longValue());
            } else {
                writeUnsigned64(b);
            }
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            writeLong(b.longValue());
        } else {
            Object replacement = mapper.replace(v);
            if (replacement == v || replacement != null && !isWireValue(replacement)) {
                throw new WireFormatException("cannot encode a " + v.getClass().getName());
            }
            write(replacement);
        }
    }

    private static boolean isWireValue(Object v) {
        return v instanceof ProxyRef || v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof Map || v instanceof List || v instanceof NdArray || v instanceof byte[];
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new WireFormatException("value nested deeper than " + MAX_DEPTH
                    + " levels (does a list or map contain itself?)");
        }
    }

    private void writeSequence(Object[] items) {
        enter();
        beginArray(items.length);
        for (Object item : items) {
            write(item);
        }
        endArray();
        depth--;
    }

    private void writeMap(Map<?, ?> m) {
        enter();
        Object[] entries = m.entrySet().toArray();
        beginMap(entries.length);
        for (Object o : entries) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            if (TaggedValues.TYPE_KEY.equals(e.getKey())) {
                throw new WireFormatException("a map with the key '" + TaggedValues.TYPE_KEY
                        + "' cannot be sent: the protocol reserves it for tagged values");
            }
            writeKey(e.getKey());
            write(e.getValue());
        }
        endMap();
        depth--;
    }

    void writeTag(String tag, int otherKeys) {
        beginMap(otherKeys + 1);
        writeKey(TaggedValues.TYPE_KEY);
        writeString(tag);
    }

    private void writeNdArray(NdArray a) {
        writeTag("ndarray", 3);
        writeKey("dtype");
        writeString(a.dtype().numpyName());
        writeKey("shape");
        int[] shape = a.shape();
        beginArray(shape.length);
        for (int d : shape) {
            writeLong(d);
        }
        endArray();
        writeKey("data");
        writeArrayData(a);
        endMap();
    }

    private void writeProxy(ProxyRef p) {
        writeTag("proxy", 5);
        writeKey("rpc_addr");
        // Python pyacq keeps server addresses as bytes and compares them as bytes when it unwraps
        // a proxy to one of its own objects, so the address goes out as binary.
        writeBinary(p.rpcAddr().getBytes(StandardCharsets.UTF_8));
        writeKey("obj_id");
        writeLong(p.objId());
        writeKey("ref_id");
        writeLong(p.refId());
        writeKey("type_str");
        writeString(p.typeStr());
        writeKey("attributes");
        beginArray(p.attributes().size());
        for (String a : p.attributes()) {
            writeString(a);
        }
        endArray();
        endMap();
    }
}

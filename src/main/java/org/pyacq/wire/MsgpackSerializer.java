package org.pyacq.wire;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * msgpack as Python pyacq writes it: bin for bytes, str for text ({@code use_bin_type=True}).
 * Array data is copied in bulk between Java arrays and the frame, never element by element.
 */
final class MsgpackSerializer implements Serializer {
    private final DecodeLimits limits;

    MsgpackSerializer(DecodeLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "msgpack";
    }

    @Override
    public void encode(Object value, ValueMapper mapper, FrameBuffer out) {
        MessagePacker packer = MessagePack.newDefaultPacker(new Output(out));
        try {
            new Writer(packer, out, mapper).write(value);
            packer.flush();
        } catch (IOException e) {
            throw new WireFormatException("msgpack encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Object decode(ByteBuffer frame, ValueMapper mapper) {
        ByteBuffer in = frame.slice();
        if (in.isDirect()) {
            // msgpack-java reads direct memory only with module access we do not ask users to grant
            ByteBuffer heap = ByteBuffer.allocate(in.remaining());
            heap.put(in.duplicate()).flip();
            in = heap;
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(in)) {
            if (!unpacker.hasNext()) {
                throw new WireFormatException("empty msgpack frame");
            }
            Reader reader = new Reader(unpacker, in.remaining(), mapper, limits);
            Object value = reader.read(0, false);
            if (unpacker.hasNext()) {
                throw new WireFormatException("msgpack frame has " + (in.remaining() - unpacker.getTotalReadBytes())
                        + " bytes after its value");
            }
            return value;
        } catch (IOException | MessagePackException e) {
            throw new WireFormatException("malformed msgpack: " + e.getMessage(), e);
        }
    }

    /**
     * Lets the packer write into the frame buffer: straight into its array when it is on the heap,
     * through a small scratch array when it is direct (msgpack-java can only address direct memory
     * with module access that we do not ask users to grant).
     */
    private static final class Output implements MessageBufferOutput {
        private final FrameBuffer out;
        private byte[] scratch;

        Output(FrameBuffer out) {
            this.out = out;
        }

        @Override
        public MessageBuffer next(int minimumSize) {
            ByteBuffer b = out.ensureRemaining(Math.max(minimumSize, 8192));
            if (b.hasArray()) {
                return MessageBuffer.wrap(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
            if (scratch == null || scratch.length < minimumSize) {
                scratch = new byte[Math.max(minimumSize, 8192)];
            }
            return MessageBuffer.wrap(scratch);
        }

        @Override
        public void writeBuffer(int length) {
            ByteBuffer b = out.ensureRemaining(0);
            if (b.hasArray()) {
                b.position(b.position() + length);
            } else {
                out.ensureRemaining(length).put(scratch, 0, length);
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            out.ensureRemaining(length).put(buffer, offset, length);
        }

        @Override
        public void add(byte[] buffer, int offset, int length) {
            write(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static final class Writer extends ValueWriter {
        private final MessagePacker p;
        private final FrameBuffer out;

        Writer(MessagePacker p, FrameBuffer out, ValueMapper mapper) {
            super(mapper);
            this.p = p;
            this.out = out;
        }

        @Override
        void writeNil() {
            io(() -> p.packNil());
        }

        @Override
        void writeBoolean(boolean v) {
            io(() -> p.packBoolean(v));
        }

        @Override
        void writeLong(long v) {
            io(() -> p.packLong(v));
        }

        @Override
        void writeUnsigned64(BigInteger v) {
            io(() -> p.packBigInteger(v));
        }

        @Override
        void writeFloat(float v) {
            io(() -> p.packFloat(v));
        }

        @Override
        void writeDouble(double v) {
            io(() -> p.packDouble(v));
        }

        @Override
        void writeString(String v) {
            io(() -> p.packString(v));
        }

        @Override
        void writeBinary(byte[] v) {
            io(() -> {
                p.packBinaryHeader(v.length);
                p.writePayload(v);
            });
        }

        @Override
        void beginArray(int size) {
            io(() -> p.packArrayHeader(size));
        }

        @Override
        void endArray() {
        }

        @Override
        void beginMap(int size) {
            io(() -> p.packMapHeader(size));
        }

        @Override
        void writeKey(Object key) {
            write(key);
        }

        @Override
        void endMap() {
        }

        @Override
        void writeArrayData(NdArray array) {
            io(() -> {
                p.packBinaryHeader(array.byteSize());
                p.flush();
            });
            array.writeTo(out.ensureRemaining(array.byteSize()));
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private static void io(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new WireFormatException("msgpack encoding failed: " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader {
        /** Containers grow past this as items arrive, so a header alone never reserves much memory. */
        private static final int INITIAL_CAPACITY = 1 << 16;

        private final MessageUnpacker u;
        private final long total;
        private final ValueMapper mapper;
        private final DecodeLimits limits;
        private int elements;

        Reader(MessageUnpacker u, long total, ValueMapper mapper, DecodeLimits limits) {
            this.u = u;
            this.total = total;
            this.mapper = mapper;
            this.limits = limits;
        }

        private void checkLength(long declared, String what) {
            long remaining = total - u.getTotalReadBytes();
            if (declared > remaining) {
                throw new WireFormatException(what + " declares " + declared + " but only " + remaining
                        + " bytes remain in the frame");
            }
        }

        /**
         * Reads one value. With {@code binAsSlice}, binary data is returned as a read-only view of
         * the frame (used for the fields of tagged values, where an array copies it once itself).
         */
        Object read(int depth, boolean binAsSlice) throws IOException {
            if (++elements > limits.maxElements()) {
                throw new WireFormatException("frame holds more than " + limits.maxElements() + " values");
            }
            MessageFormat f = u.getNextFormat();
            switch (f.getValueType()) {
                case NIL:
                    u.unpackNil();
                    return null;
                case BOOLEAN:
                    return u.unpackBoolean();
                case INTEGER:
                    if (f == MessageFormat.UINT64) {
                        BigInteger b = u.unpackBigInteger();
                        return b.bitLength() < 64 ? narrow(b.longValue()) : b;
                    }
                    return narrow(u.unpackLong());
                case FLOAT:
                    return f == MessageFormat.FLOAT32 ? (Object) u.unpackFloat() : (Object) u.unpackDouble();
                case STRING: {
                    int len = u.unpackRawStringHeader();
                    checkLength(len, "string");
                    MessageBuffer text = u.readPayloadAsReference(len);
                    if (text.hasArray()) {
                        return StringCache.decode(text.array(), text.arrayOffset(), len);
                    }
                    return new String(text.toByteArray(), StandardCharsets.UTF_8);
                }
                case BINARY: {
                    int len = u.unpackBinaryHeader();
                    checkLength(len, "binary");
                    return binAsSlice ? u.readPayloadAsReference(len).sliceAsByteBuffer().asReadOnlyBuffer()
                            : u.readPayload(len);
                }
                case ARRAY: {
                    int n = u.unpackArrayHeader();
                    checkLength(n, "array of " + n + " items");
                    checkDepth(depth);
                    checkCount(n);
                    List<Object> list = new WireList(Math.min(n, INITIAL_CAPACITY));
                    for (int i = 0; i < n; i++) {
                        list.add(read(depth + 1, false));
                    }
                    return list;
                }
                case MAP:
                    return readMap(depth);
                default:
                    throw new WireFormatException("msgpack " + f + " values are not part of the protocol");
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

        private Object readMap(int depth) throws IOException {
            int n = u.unpackMapHeader();
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
    }

    /** Integers arrive as Integer when they fit, else Long. */
    static Object narrow(long v) {
        return v == (int) v ? (Object) (int) v : (Object) v;
    }
}

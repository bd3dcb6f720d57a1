package org.pyacq.wire;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
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
        return new MsgpackReader(frame.slice(), mapper, limits).readFrame();
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
}

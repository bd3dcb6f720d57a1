package org.pyacq.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json} module writes it (NaN and Infinity as bare words), with bytes and
 * array data carried as base64 text inside tagged maps.
 */
final class JsonSerializer implements Serializer {
    private final DecodeLimits limits;
    private final JsonFactory factory;

    JsonSerializer(DecodeLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        // a string is never longer than its frame, which the socket's message limit bounds
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNumberLength(400)
                        .maxNameLength(64 * 1024)
                        .build())
                .build();
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public void encode(Object value, ValueMapper mapper, FrameBuffer out) {
        try (JsonGenerator g = factory.createGenerator(new FrameStream(out))) {
            new Writer(g, mapper).write(value);
        } catch (IOException e) {
            throw new WireFormatException("JSON encoding failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Object decode(ByteBuffer frame, ValueMapper mapper) {
        byte[] bytes;
        int offset;
        int length = frame.remaining();
        if (frame.hasArray()) {
            bytes = frame.array();
            offset = frame.arrayOffset() + frame.position();
        } else {
            bytes = new byte[length];
            frame.duplicate().get(bytes);
            offset = 0;
        }
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            if (p.nextToken() == null) {
                throw new WireFormatException("empty JSON frame");
            }
            Object value = new Reader(p, mapper).read();
            if (p.nextToken() != null) {
                throw new WireFormatException("JSON frame has text after its value at " + p.currentLocation());
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new WireFormatException("JSON value exceeds a decoding limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WireFormatException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static final class FrameStream extends OutputStream {
        private final FrameBuffer out;

        FrameStream(FrameBuffer out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.ensureRemaining(1).put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.ensureRemaining(len).put(b, off, len);
        }
    }

    private static final class Writer extends ValueWriter {
        private final JsonGenerator g;

        Writer(JsonGenerator g, ValueMapper mapper) {
            super(mapper);
            this.g = g;
        }

        @Override
        void writeNil() {
            io(g::writeNull);
        }

        @Override
        void writeBoolean(boolean v) {
            io(() -> g.writeBoolean(v));
        }

        @Override
        void writeLong(long v) {
            io(() -> g.writeNumber(v));
        }

        @Override
        void writeUnsigned64(BigInteger v) {
            io(() -> g.writeNumber(v));
        }

        @Override
        void writeFloat(float v) {
            io(() -> g.writeNumber(v));
        }

        @Override
        void writeDouble(double v) {
            io(() -> g.writeNumber(v));
        }

        @Override
        void writeString(String v) {
            io(() -> g.writeString(v));
        }

        @Override
        void writeBinary(byte[] v) {
            writeTag("bytes", 1);
            writeKey("data");
            writeString(Base64.getEncoder().encodeToString(v));
            endMap();
        }

        @Override
        void beginArray(int size) {
            io(() -> g.writeStartArray(null, size));
        }

        @Override
        void endArray() {
            io(g::writeEndArray);
        }

        @Override
        void beginMap(int size) {
            io(g::writeStartObject);
        }

        @Override
        void writeKey(Object key) {
            if (key instanceof String s) {
                io(() -> g.writeFieldName(s));
            } else if (key instanceof Number || key instanceof Boolean || key instanceof Character) {
                io(() -> g.writeFieldName(String.valueOf(key)));
            } else {
                throw new WireFormatException("JSON map keys must be text or numbers, got "
                        + TaggedValues.describe(key) + "; use msgpack for other keys");
            }
        }

        @Override
        void endMap() {
            io(g::writeEndObject);
        }

        @Override
        void writeArrayData(NdArray array) {
            ByteBuffer raw = ByteBuffer.allocate(array.byteSize());
            array.writeTo(raw);
            writeString(Base64.getEncoder().encodeToString(raw.array()));
        }

        private interface IoAction {
            void run() throws IOException;
        }

        private static void io(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new WireFormatException("JSON encoding failed: " + e.getMessage(), e);
            }
        }
    }

    private final class Reader {
        private final JsonParser p;
        private final ValueMapper mapper;
        private int elements;

        Reader(JsonParser p, ValueMapper mapper) {
            this.p = p;
            this.mapper = mapper;
        }

        /** Reads the value at the current token. */
        Object read() throws IOException {
            if (++elements > limits.maxElements()) {
                throw new WireFormatException("frame holds more than " + limits.maxElements() + " values");
            }
            JsonToken t = p.currentToken();
            switch (t) {
                case VALUE_NULL:
                    return null;
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_STRING:
                    return p.getText();
                case VALUE_NUMBER_INT:
                    switch (p.getNumberType()) {
                        case INT: return p.getIntValue();
                        case LONG: return p.getLongValue();
                        default: return p.getBigIntegerValue();
                    }
                case VALUE_NUMBER_FLOAT:
                    return p.getDoubleValue();
                case START_ARRAY: {
                    List<Object> list = new WireList(8);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(read());
                    }
                    return list;
                }
                case START_OBJECT: {
                    Map<Object, Object> map = new WireMap(8);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        map.put(key, read());
                    }
                    if (map.containsKey(TaggedValues.TYPE_KEY)) {
                        Object tag = map.remove(TaggedValues.TYPE_KEY);
                        Map<String, Object> fields = new LinkedHashMap<>();
                        map.forEach((k, v) -> fields.put((String) k, v));
                        return TaggedValues.decode(tag, fields, mapper);
                    }
                    return map;
                }
                default:
                    throw new WireFormatException("unexpected JSON token " + t + " at " + p.currentLocation());
            }
        }
    }
}

package org.pyacq.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

/**
 * JSON on the command line: arguments given as JSON literals ({@code 42}, {@code true},
 * {@code "text"}, {@code [1, 2]}, {@code {"k": 1}}), and {@code --json} output.
 *
 * <p>Output for values JSON has no type for: byte arrays as base64 text; primitive arrays as
 * lists; an {@link NdArray} as {@code {"dtype": ..., "shape": [...], "data": [flat values]}}; a
 * proxy as {@code {"proxy": type, "id": n, "address": ...}}; anything else as its text.
 */
final class JsonText {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100).build())
            .build();

    private JsonText() {
    }

    /**
     * A command-line argument as a value: the JSON literal it is, if it parses as exactly one,
     * else the text itself. Integers become Integer, Long or BigInteger by size; other numbers
     * Double; arrays List; objects Map (insertion-ordered). {@code 42} is 42, {@code "42"} and
     * {@code java.version} are text, {@code null} is null.
     */
    static Object parseArgument(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return text;
            }
            Object value = read(p, first);
            return p.nextToken() == null ? value : text;
        } catch (JsonProcessingException e) {
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
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
                List<Object> list = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(p, n));
                }
                return list;
            }
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    map.put(key, read(p, p.nextToken()));
                }
                return map;
            }
            default:
                throw new JsonParseFailure(p, "unexpected " + t);
        }
    }

    /** Compact JSON text of {@code value} (see the class comment for values JSON has no type for). */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] bytes) {
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof Object[] array) {
            write(g, Arrays.asList(array));
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                write(g, Array.get(v, i));
            }
            g.writeEndArray();
        } else if (v instanceof NdArray a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", a.dtype().numpyName());
            m.put("shape", a.shape());
            m.put("data", flat(a));
            write(g, m);
        } else if (v instanceof ObjectProxy p) {
            write(g, proxy(p.typeName(), p.objectId(), p.address()));
        } else if (v instanceof ProxyRef r) {
            write(g, proxy(r.typeStr(), r.objId(), r.rpcAddr()));
        } else {
            g.writeString(v.toString());
        }
    }

    /** The elements in C order: numbers for integer and float types, booleans, [re, im, ...] for complex. */
    private static Object flat(NdArray a) {
        DType t = a.dtype();
        if (t == DType.BOOL || t.isComplex()) {
            return a.data();
        }
        if (t == DType.FLOAT16 || t == DType.FLOAT32 || t == DType.FLOAT64) {
            return a.toDoubleArray();
        }
        if (t == DType.UINT64) {
            List<BigInteger> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(new BigInteger(Long.toUnsignedString(a.getLong(i))));
            }
            return out;
        }
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getLong(i);
        }
        return out;
    }

    private static Map<String, Object> proxy(String type, long id, String address) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("proxy", type);
        m.put("id", id);
        m.put("address", address);
        return m;
    }

    /** Thrown inside {@link #read} for a token that cannot start a value; caught as "not JSON". */
    private static final class JsonParseFailure extends JsonProcessingException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(JsonParser p, String message) {
            super(message, p.currentLocation());
        }
    }
}

package org.pyacq.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * JSON on the command line: arguments given as JSON literals ({@code 42}, {@code true},
 * {@code "text"}, {@code [1, 2]}, {@code {"k": 1}}), and {@code --json} output.
 *
 * <p>Output for values JSON has no type for: byte arrays as base64 text; primitive arrays as
 * lists; an {@link NdArray} as {@code {"dtype": ..., "shape": [...], "data": [flat values]}}; a
 * proxy as {@code {"proxy": type, "id": n, "address": ...}}; anything else as its text.
 */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /**
     * A command-line argument as a value: the JSON literal it is, if it parses as exactly one,
     * else the text itself. Read by the wire's JSON reader ({@link Serializers#JSON}, within
     * {@link org.pyacq.wire.DecodeLimits#DEFAULT}), so an argument means what the same JSON means
     * in a request: integers become Integer, Long or BigInteger by size; other numbers Double
     * (NaN and Infinity included); arrays lists; objects insertion-ordered maps. {@code 42} is 42,
     * {@code "42"} and {@code java.version} are text, {@code null} is null.
     */
    static Object parseArgument(String text) {
        try {
            return Serializers.JSON.decode(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), ValueMapper.PLAIN);
        } catch (WireFormatException e) {
            return text;
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
}

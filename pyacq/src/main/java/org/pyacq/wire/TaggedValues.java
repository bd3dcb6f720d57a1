package org.pyacq.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The tagged values of PROTOCOL.md section 4: maps holding {@value #TYPE_KEY}. */
final class TaggedValues {
    static final String TYPE_KEY = "___type_name___";

    private TaggedValues() {
    }

    /** Made on first use: building a formatter loads java.time's formatting (a few ms of a short command's start). */
    private static final class DateTimeFormat {
        static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
    }

    static String formatDateTime(LocalDateTime t) {
        return DateTimeFormat.DATETIME.format(t);
    }

    /**
     * Builds the value a tagged map stands for. {@code fields} holds the map's other entries; an
     * ndarray's {@code data} may be a {@link ByteBuffer} slice, {@code byte[]} or base64 text.
     */
    static Object decode(Object tag, Map<String, Object> fields, ValueMapper mapper) {
        if (!(tag instanceof String name)) {
            throw new WireFormatException("the " + TYPE_KEY + " of a tagged value must be text, got " + describe(tag));
        }
        switch (name) {
            case "ndarray":
                return decodeArray(fields);
            case "datetime":
                try {
                    return LocalDateTime.parse(text(fields, "data", name));
                } catch (DateTimeParseException e) {
                    throw new WireFormatException("bad datetime '" + fields.get("data")
                            + "': expected YYYY-MM-DDTHH:MM:SS.ffffff", e);
                }
            case "date":
                try {
                    return LocalDate.parse(text(fields, "data", name));
                } catch (DateTimeParseException e) {
                    throw new WireFormatException("bad date '" + fields.get("data") + "': expected YYYY-MM-DD", e);
                }
            case "none":
                return null;
            case "bytes":
                return bytes(fields.get("data"), name);
            case "proxy":
                return mapper.resolve(decodeProxy(fields));
            default:
                throw new WireFormatException("unknown value tag '" + name
                        + "': known tags are ndarray, datetime, date, none, bytes, proxy");
        }
    }

    private static Object decodeArray(Map<String, Object> fields) {
        DType.Parsed dtype;
        try {
            dtype = DType.parse(text(fields, "dtype", "ndarray"));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
        Object shapeValue = fields.get("shape");
        if (!(shapeValue instanceof List<?> dims)) {
            throw new WireFormatException("ndarray 'shape' must be a list of integers, got " + describe(shapeValue));
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            Object d = dims.get(i);
            if (!(d instanceof Integer || d instanceof Long) || ((Number) d).longValue() < 0
                    || ((Number) d).longValue() > Integer.MAX_VALUE) {
                throw new WireFormatException("ndarray shape " + dims + " has a bad dimension " + d);
            }
            shape[i] = ((Number) d).intValue();
        }
        Object data = fields.get("data");
        ByteBuffer bytes = data instanceof ByteBuffer b ? b : ByteBuffer.wrap(bytes(data, "ndarray"));
        try {
            return NdArray.readFrom(dtype.dtype(), dtype.order(), shape, bytes).toJavaValue();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(e.getMessage(), e);
        }
    }

    private static ProxyRef decodeProxy(Map<String, Object> f) {
        Object addr = f.get("rpc_addr");
        String rpcAddr;
        if (addr instanceof String s) {
            rpcAddr = s;
        } else if (addr instanceof byte[] || addr instanceof ByteBuffer) {
            rpcAddr = new String(bytes(addr, "proxy"), StandardCharsets.UTF_8);
        } else {
            throw new WireFormatException("proxy 'rpc_addr' must be text or bytes, got " + describe(addr));
        }
        Object attrs = f.get("attributes");
        List<String> attributes = List.of();
        if (attrs instanceof List<?> l) {
            String[] names = new String[l.size()];
            for (int i = 0; i < names.length; i++) {
                if (!(l.get(i) instanceof String s)) {
                    throw new WireFormatException("proxy 'attributes' must be a list of text, got " + l);
                }
                names[i] = s;
            }
            attributes = List.of(names);
        } else if (attrs != null) {
            throw new WireFormatException("proxy 'attributes' must be a list, got " + describe(attrs));
        }
        Object type = f.get("type_str");
        return new ProxyRef(rpcAddr, integer(f, "obj_id"), integer(f, "ref_id"),
                type == null ? "" : type.toString(), attributes);
    }

    private static long integer(Map<String, Object> f, String key) {
        Object v = f.get(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new WireFormatException("proxy '" + key + "' must be an integer, got " + describe(v));
    }

    private static String text(Map<String, Object> f, String key, String tag) {
        Object v = f.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new WireFormatException(tag + " '" + key + "' must be text, got " + describe(v));
    }

    private static byte[] bytes(Object data, String tag) {
        if (data instanceof byte[] b) {
            return b;
        }
        if (data instanceof ByteBuffer bb) {
            byte[] out = new byte[bb.remaining()];
            bb.duplicate().get(out);
            return out;
        }
        if (data instanceof String s) {
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new WireFormatException(tag + " 'data' is not valid base64: " + e.getMessage(), e);
            }
        }
        throw new WireFormatException(tag + " 'data' must be bytes or base64 text, got " + describe(data));
    }

    /** A short description of what a value is, for error messages ("a list", "text", "Integer"). */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof java.util.List) {
            return "a list";
        } else if (v instanceof java.util.Map) {
            return "a map";
        } else if (v instanceof String) {
            return "text";
        }
        return v.getClass().getSimpleName();
    }
}

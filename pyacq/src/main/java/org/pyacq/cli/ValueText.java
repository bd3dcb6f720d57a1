package org.pyacq.cli;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

/**
 * How a result is printed without {@code --json}: scalars as they are, text without quotes,
 * lists and maps as compact JSON, arrays summarised (type, length, first elements), proxies as
 * {@code <type #id at address>}.
 */
final class ValueText {
    /** Elements of an array shown before "...". */
    static final int SHOWN_ELEMENTS = 8;
    /** Bytes of a byte array shown before "...". */
    static final int SHOWN_BYTES = 16;

    private ValueText() {
    }

    static String plain(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String || v instanceof Character || v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> || v instanceof Iterable<?> || v instanceof Object[]) {
            return JsonText.write(nested(v));
        }
        return summary(v);
    }

    /** A value JSON can show: containers walked, everything else that is not plain data as its summary text. */
    private static Object nested(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), nested(val)));
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(o -> out.add(nested(o)));
            return out;
        }
        if (v instanceof Object[] array) {
            return nested(Arrays.asList(array));
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        return summary(v);
    }

    private static String summary(Object v) {
        if (v instanceof ObjectProxy p) {
            return proxy(p.typeName(), p.objectId(), p.address());
        }
        if (v instanceof ProxyRef r) {
            return proxy(r.typeStr(), r.objId(), r.rpcAddr());
        }
        if (v instanceof NdArray a) {
            return a.toString();
        }
        if (v instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder("bytes[").append(bytes.length).append(']');
            for (int i = 0; i < Math.min(bytes.length, SHOWN_BYTES); i++) {
                sb.append(' ').append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
            }
            return sb.append(bytes.length > SHOWN_BYTES ? " ..." : "").toString();
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            StringBuilder sb = new StringBuilder(v.getClass().getComponentType().getName()).append('[').append(n)
                    .append("] [");
            for (int i = 0; i < Math.min(n, SHOWN_ELEMENTS); i++) {
                sb.append(i > 0 ? ", " : "").append(Array.get(v, i));
            }
            return sb.append(n > SHOWN_ELEMENTS ? ", ...]" : "]").toString();
        }
        return v.toString();
    }

    /** {@code <type #id at address>}, as pyacq prints a proxy. */
    static String proxy(String type, long id, String address) {
        return "<" + (type == null || type.isEmpty() ? "object" : type) + " #" + id + " at " + address + ">";
    }
}

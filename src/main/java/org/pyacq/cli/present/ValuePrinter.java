package org.pyacq.cli.present;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

/**
 * How values are printed for people, by {@code pyacq call}, {@code pyacq eval} and the REPL: one
 * compact line each ({@code --json} is for machines).
 *
 * <pre>
 *   "abc"                              strings quoted (at the top level only when quoting is on)
 *   [1, 2, 3, …(7 more)]               collections and maps truncated after maxItems
 *   float64[3] [1.0, 2.0, 3.0]         primitive arrays and NdArrays: dtype, shape, first values
 *   bytes[20] 00 01 02 … 0f …          byte arrays: length, first 16 bytes in hex
 *   &lt;java.util.ArrayList #3 at w1&gt;     proxies: type, object id, process name (else address)
 * </pre>
 *
 * Values only the caller knows (the REPL's processes and futures) are printed by its
 * {@link Extension}. Formatting never makes a remote call.
 *
 * <pre>{@code
 * String line = ValuePrinter.plain().formatUnquoted(result);
 * }</pre>
 */
public final class ValuePrinter {
    private static final int MAX_DEPTH = 6;
    private static final int MAX_STRING = 2000;
    /** Bytes of a byte array shown before "…". */
    private static final int SHOWN_BYTES = 16;

    /** Prints the values only its caller knows; the printer asks it first. */
    @FunctionalInterface
    public interface Extension {
        /** No values of its own. */
        Extension NONE = (value, nested) -> null;

        /**
         * The text of {@code value}, or null for a value this extension does not print.
         *
         * @param nested prints a value found inside {@code value}, one level deeper
         */
        String text(Object value, Function<Object, String> nested);
    }

    private final Function<String, String> processNames;
    private final int maxItems;
    private final int maxArrayItems;
    private final Extension extension;

    /**
     * @param processNames maps a server address to a process name, or returns null when unknown
     * @param maxItems collection and map entries shown before {@code …(N more)}
     * @param maxArrayItems array elements shown before {@code …}
     * @param extension prints the values only the caller knows
     */
    public ValuePrinter(Function<String, String> processNames, int maxItems, int maxArrayItems, Extension extension) {
        this.processNames = Objects.requireNonNull(processNames, "processNames");
        this.extension = Objects.requireNonNull(extension, "extension");
        if (maxItems < 1 || maxArrayItems < 1) {
            throw new IllegalArgumentException("maxItems and maxArrayItems must be at least 1");
        }
        this.maxItems = maxItems;
        this.maxArrayItems = maxArrayItems;
    }

    /** A printer that knows no process names nor extra values, showing 10 items and 8 array elements. */
    public static ValuePrinter plain() {
        return new ValuePrinter(a -> null, 10, 8, Extension.NONE);
    }

    /** A value on one line: strings quoted. */
    public String format(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 0);
        return sb.toString();
    }

    /** Like {@link #format} but a string at the top level is printed as it is (for {@code pyacq call} and {@code eval}). */
    public String formatUnquoted(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        return format(value);
    }

    private void append(StringBuilder sb, Object v, int depth) {
        String own = v == null ? null : extension.text(v, nested -> {
            StringBuilder inner = new StringBuilder();
            append(inner, nested, depth + 1);
            return inner.toString();
        });
        if (own != null) {
            sb.append(own);
        } else if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence || v instanceof Character) {
            String s = v.toString();
            if (s.length() > MAX_STRING) {
                sb.append(quote(s.substring(0, MAX_STRING))).append("…(").append(s.length() - MAX_STRING)
                        .append(" more chars)");
            } else {
                sb.append(quote(s));
            }
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof ObjectProxy p) {
            sb.append(proxy(p));
        } else if (v instanceof ProxyRef r) {
            proxy(sb, r.typeStr(), r.objId(), r.rpcAddr());
        } else if (v instanceof NdArray a) {
            ndarray(sb, a);
        } else if (v instanceof byte[] bytes) {
            bytes(sb, bytes);
        } else if (v.getClass().isArray()) {
            array(sb, v, depth);
        } else if (v instanceof Map<?, ?> m) {
            map(sb, m, depth);
        } else if (v instanceof Collection<?> c) {
            collection(sb, c, depth);
        } else {
            sb.append(v);
        }
    }

    /** {@code <java.util.ArrayList #3 at w1>}, with deferred attributes after it: {@code <... at w1>.add}. */
    public String proxy(ObjectProxy p) {
        StringBuilder sb = new StringBuilder();
        proxy(sb, p.typeName(), p.objectId(), p.address());
        for (String a : p.attributes()) {
            sb.append('.').append(a);
        }
        return sb.toString();
    }

    private void proxy(StringBuilder sb, String type, long id, String address) {
        String where = processNames.apply(address);
        sb.append('<').append(type == null || type.isEmpty() ? "object" : type).append(" #").append(id)
                .append(" at ").append(where != null ? where : address).append('>');
    }

    private void collection(StringBuilder sb, Collection<?> c, int depth) {
        if (depth >= MAX_DEPTH) {
            sb.append("[…]");
            return;
        }
        sb.append('[');
        int shown = 0;
        for (Iterator<?> it = c.iterator(); it.hasNext() && shown < maxItems; shown++) {
            if (shown > 0) {
                sb.append(", ");
            }
            append(sb, it.next(), depth + 1);
        }
        more(sb, c.size() - shown);
        sb.append(']');
    }

    private void map(StringBuilder sb, Map<?, ?> m, int depth) {
        if (depth >= MAX_DEPTH) {
            sb.append("{…}");
            return;
        }
        sb.append('{');
        int shown = 0;
        for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext() && shown < maxItems;
                shown++) {
            Map.Entry<?, ?> e = it.next();
            if (shown > 0) {
                sb.append(", ");
            }
            append(sb, e.getKey(), depth + 1);
            sb.append(": ");
            append(sb, e.getValue(), depth + 1);
        }
        more(sb, m.size() - shown);
        sb.append('}');
    }

    private static void more(StringBuilder sb, int hidden) {
        if (hidden > 0) {
            sb.append(", …(").append(hidden).append(" more)");
        }
    }

    private void array(StringBuilder sb, Object array, int depth) {
        Class<?> component = array.getClass().getComponentType();
        int n = Array.getLength(array);
        if (!component.isPrimitive()) {
            collection(sb, Arrays.asList((Object[]) array), depth);
            return;
        }
        String dtype = component == char.class ? "char" : DType.forPrimitiveArray(array.getClass()).numpyName();
        sb.append(dtype).append('[').append(n).append("] [");
        int shown = Math.min(n, maxArrayItems);
        for (int i = 0; i < shown; i++) {
            sb.append(i > 0 ? ", " : "").append(Array.get(array, i));
        }
        sb.append(shown < n ? ", …]" : "]");
    }

    private static void bytes(StringBuilder sb, byte[] bytes) {
        sb.append("bytes[").append(bytes.length).append(']');
        int shown = Math.min(bytes.length, SHOWN_BYTES);
        for (int i = 0; i < shown; i++) {
            sb.append(' ').append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        sb.append(shown < bytes.length ? " …" : "");
    }

    private void ndarray(StringBuilder sb, NdArray a) {
        DType dtype = a.dtype();
        sb.append(dtype.numpyName()).append('[');
        int[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        sb.append("] [");
        int shown = Math.min(a.size(), maxArrayItems);
        for (int i = 0; i < shown; i++) {
            sb.append(i > 0 ? ", " : "").append(element(a, i));
        }
        sb.append(shown < a.size() ? ", …]" : "]");
    }

    private static String element(NdArray a, int i) {
        DType dtype = a.dtype();
        Object data = a.data();
        if (dtype == DType.BOOL) {
            return String.valueOf(((boolean[]) data)[i]);
        } else if (dtype.isComplex()) {
            double re = Array.getDouble(data, 2 * i);
            double im = Array.getDouble(data, 2 * i + 1);
            return "(" + re + (im < 0 ? "" : "+") + im + "j)";
        } else if (dtype == DType.UINT64) {
            return Long.toUnsignedString(a.getLong(i));
        } else if (dtype == DType.FLOAT16 || dtype.storage() == double[].class || dtype.storage() == float[].class) {
            return String.valueOf(a.getDouble(i));
        }
        return String.valueOf(a.getLong(i));
    }

    /** A string as a double-quoted literal the REPL would read back. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}

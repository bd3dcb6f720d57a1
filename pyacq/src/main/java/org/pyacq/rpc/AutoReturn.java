package org.pyacq.rpc;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.WireList;
import org.pyacq.wire.WireMap;

/**
 * Decides what return type {@code auto} sends by value: plain immutable data (null, booleans,
 * numbers, strings, dates, arrays, {@link NdArray}, the JDK's unmodifiable collections) and
 * proxies. Anything with identity and state of its own (an {@code ArrayList}, a service object)
 * stays in the server and is sent as a proxy, so {@code list.add(x)} changes the remote list.
 * Lists and maps that arrived by value ({@link WireList}, {@link WireMap}) go back by value.
 */
final class AutoReturn {
    private AutoReturn() {
    }

    static boolean byValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Character
                || v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
                || v instanceof Short || v instanceof Byte || v instanceof NdArray || v instanceof ProxyRef
                || v instanceof LocalDateTime || v instanceof LocalDate || v instanceof WireList
                || v instanceof WireMap) {
            return true;
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 || b.signum() > 0 && b.bitLength() == 64;
        }
        Class<?> c = v.getClass();
        if (c.isArray()) {
            return true;
        }
        String name = c.getName();
        return name.startsWith("java.util.ImmutableCollections$")
                || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty")
                || name.startsWith("java.util.Collections$Singleton")
                || name.equals("java.util.Arrays$ArrayList");
    }
}

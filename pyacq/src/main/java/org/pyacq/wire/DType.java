package org.pyacq.wire;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Element types of {@link NdArray}, named as numpy's {@code str(dtype)} prints them. Each has a
 * Java primitive array that stores it: unsigned types use the signed array of the same width
 * (read them with {@link NdArray#getLong(long)}), complex types interleave real and imaginary
 * parts, {@code float16} keeps the raw bits in a {@code short[]}.
 */
public enum DType {
    BOOL("bool", 'b', 1, boolean[].class),
    INT8("int8", 'i', 1, byte[].class),
    UINT8("uint8", 'u', 1, byte[].class),
    INT16("int16", 'i', 2, short[].class),
    UINT16("uint16", 'u', 2, short[].class),
    FLOAT16("float16", 'f', 2, short[].class),
    INT32("int32", 'i', 4, int[].class),
    UINT32("uint32", 'u', 4, int[].class),
    FLOAT32("float32", 'f', 4, float[].class),
    INT64("int64", 'i', 8, long[].class),
    UINT64("uint64", 'u', 8, long[].class),
    FLOAT64("float64", 'f', 8, double[].class),
    COMPLEX64("complex64", 'c', 8, float[].class),
    COMPLEX128("complex128", 'c', 16, double[].class);

    private final String numpyName;
    private final char kind;
    private final int itemSize;
    private final Class<?> storage;

    DType(String numpyName, char kind, int itemSize, Class<?> storage) {
        this.numpyName = numpyName;
        this.kind = kind;
        this.itemSize = itemSize;
        this.storage = storage;
    }

    /** The name numpy prints, e.g. {@code float64}; this is what goes on the wire. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The Java primitive array type holding the elements, e.g. {@code double[].class}. */
    public Class<?> storage() {
        return storage;
    }

    public boolean isUnsigned() {
        return kind == 'u';
    }

    public boolean isComplex() {
        return kind == 'c';
    }

    /** Storage slots per element: 2 for complex types, 1 otherwise. */
    int slotsPerElement() {
        return isComplex() ? 2 : 1;
    }

    /** The dtype whose natural storage is this primitive array type, for arrays sent without a dtype. */
    public static DType forPrimitiveArray(Class<?> arrayType) {
        if (arrayType == double[].class) {
            return FLOAT64;
        } else if (arrayType == float[].class) {
            return FLOAT32;
        } else if (arrayType == long[].class) {
            return INT64;
        } else if (arrayType == int[].class) {
            return INT32;
        } else if (arrayType == short[].class) {
            return INT16;
        } else if (arrayType == byte[].class) {
            return INT8;
        } else if (arrayType == boolean[].class) {
            return BOOL;
        }
        throw new IllegalArgumentException("no dtype stores " + arrayType.getSimpleName());
    }

    /** A dtype and the byte order its data is in. */
    public record Parsed(DType dtype, ByteOrder order) {
    }

    /**
     * Parses a numpy dtype string: a name ({@code float64}, {@code uint8}, {@code bool}) or a
     * type string with optional byte order ({@code <f8}, {@code >i4}, {@code |u1}, {@code f8}).
     *
     * @throws IllegalArgumentException naming the string and the supported forms
     */
    public static Parsed parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        for (DType d : values()) {
            if (d.numpyName.equals(s)) {
                return new Parsed(d, ByteOrder.LITTLE_ENDIAN);
            }
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
            if (s.charAt(0) == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else if (s.charAt(0) == '=') {
                order = ByteOrder.nativeOrder();
            }
            s = s.substring(1);
        }
        if (s.equals("?")) {
            return new Parsed(BOOL, order);
        }
        if (s.length() >= 2) {
            char kind = s.charAt(0);
            try {
                int size = Integer.parseInt(s.substring(1));
                for (DType d : values()) {
                    if (d.kind == kind && d.itemSize == size) {
                        return new Parsed(d, order);
                    }
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + text + "': use one of bool, int8..int64, "
                + "uint8..uint64, float16, float32, float64, complex64, complex128 (or a type string such as <f8)");
    }

    @Override
    public String toString() {
        return numpyName;
    }
}

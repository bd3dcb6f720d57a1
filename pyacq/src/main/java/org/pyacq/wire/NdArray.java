package org.pyacq.wire;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional, C-ordered numeric array: the Java face of a numpy {@code ndarray} on the wire.
 * The elements live in one flat Java primitive array ({@link DType#storage()}); it is shared, not
 * copied, by {@link #wrap} and {@link #data()}, so large arrays move without boxing or copying.
 *
 * <pre>{@code
 * NdArray image = NdArray.wrap(DType.UINT16, new short[480 * 640], 480, 640);
 * NdArray back = (NdArray) proxy.invoke("process", image);
 * long pixel = back.getLong(back.index(10, 20));
 * }</pre>
 *
 * One-dimensional arrays of {@code float64}, {@code float32}, {@code int64}, {@code int32},
 * {@code int16} and {@code bool} arrive as plain Java arrays ({@code double[]} ...); every other
 * ndarray arrives as an {@code NdArray}.
 */
public final class NdArray {

    private final DType dtype;
    private final int[] shape;
    private final int size;
    private final Object data;

    private NdArray(DType dtype, int[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.data = Objects.requireNonNull(data, "data");
        if (data.getClass() != dtype.storage()) {
            throw new IllegalArgumentException(dtype + " is stored in " + dtype.storage().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        long n = 1;
        for (int d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        this.size = (int) n;
        int slots = Array.getLength(data);
        if ((long) size * dtype.slotsPerElement() != slots) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " elements of " + dtype + " but the data has " + slots + " slots");
        }
        if ((long) size * dtype.itemSize() > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("array of " + size + " " + dtype + " exceeds 2 GiB");
        }
    }

    /**
     * Wraps a flat primitive array (no copy). With no shape, the array is one-dimensional.
     *
     * @throws IllegalArgumentException if the array type does not store {@code dtype} or the shape does not fit
     */
    public static NdArray wrap(DType dtype, Object data, int... shape) {
        int[] s = shape.length == 0 ? new int[] {Array.getLength(data) / dtype.slotsPerElement()} : shape;
        return new NdArray(dtype, s, data);
    }

    /** Wraps a primitive array with its natural dtype ({@code double[]} as float64, ...), no copy. */
    public static NdArray of(Object primitiveArray, int... shape) {
        return wrap(DType.forPrimitiveArray(primitiveArray.getClass()), primitiveArray, shape);
    }

    /**
     * Copies a rectangular nested primitive array ({@code double[][]}, {@code int[][][]}, ...) into
     * a new array with its natural dtype.
     */
    public static NdArray fromNested(Object nested) {
        Objects.requireNonNull(nested, "nested");
        int depth = 0;
        Class<?> c = nested.getClass();
        while (c.isArray() && c.getComponentType().isArray()) {
            depth++;
            c = c.getComponentType();
        }
        if (!c.isArray() || !c.getComponentType().isPrimitive()) {
            throw new IllegalArgumentException("not a nested primitive array: " + nested.getClass().getSimpleName());
        }
        int[] shape = new int[depth + 1];
        Object probe = nested;
        for (int i = 0; i <= depth; i++) {
            shape[i] = Array.getLength(probe);
            if (i < depth) {
                probe = shape[i] == 0 ? Array.newInstance(probe.getClass().getComponentType().getComponentType(), 0)
                        : Array.get(probe, 0);
            }
        }
        long total = 1;
        for (int d : shape) {
            total *= d;
        }
        Object flat = Array.newInstance(c.getComponentType(), Math.toIntExact(total));
        int[] pos = {0};
        copyNested(nested, shape, 0, flat, pos);
        return wrap(DType.forPrimitiveArray(c), flat, shape);
    }

    private static void copyNested(Object src, int[] shape, int level, Object flat, int[] pos) {
        int n = Array.getLength(src);
        if (n != shape[level]) {
            throw new IllegalArgumentException("ragged array: dimension " + level + " has lengths "
                    + shape[level] + " and " + n);
        }
        if (level == shape.length - 1) {
            System.arraycopy(src, 0, flat, pos[0], n);
            pos[0] += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            copyNested(Array.get(src, i), shape, level + 1, flat, pos);
        }
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Size of the data on the wire, in bytes. */
    public int byteSize() {
        return size * dtype.itemSize();
    }

    /** The flat backing array (shared, not a copy), of type {@link DType#storage()}. */
    public Object data() {
        return data;
    }

    /** A view of the same data with another shape of the same size. */
    public NdArray reshape(int... newShape) {
        return new NdArray(dtype, newShape, data);
    }

    /** The flat index of a multi-dimensional position (C order). */
    public int index(int... position) {
        if (position.length != shape.length) {
            throw new IllegalArgumentException("array has " + shape.length + " dimensions, got "
                    + position.length + " indices");
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            Objects.checkIndex(position[i], shape[i]);
            flat = flat * shape[i] + position[i];
        }
        return flat;
    }

    /** The element at a flat index as a double (the real part for complex types). */
    public double getDouble(long index) {
        int i = Math.toIntExact(index);
        Objects.checkIndex(i, size);
        switch (dtype) {
            case FLOAT64: return ((double[]) data)[i];
            case COMPLEX128: return ((double[]) data)[2 * i];
            case FLOAT32: return ((float[]) data)[i];
            case COMPLEX64: return ((float[]) data)[2 * i];
            case FLOAT16: return Float16.toFloat(((short[]) data)[i]);
            case UINT64: {
                long v = ((long[]) data)[i];
                return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
            default: return getLong(index);
        }
    }

    /**
     * The element at a flat index as a long: unsigned types are read as unsigned ({@code uint64}
     * values above {@code Long.MAX_VALUE} wrap, as in {@link Long#toUnsignedString}); floating types
     * are truncated.
     */
    public long getLong(long index) {
        int i = Math.toIntExact(index);
        Objects.checkIndex(i, size);
        switch (dtype) {
            case BOOL: return ((boolean[]) data)[i] ? 1 : 0;
            case INT8: return ((byte[]) data)[i];
            case UINT8: return Byte.toUnsignedLong(((byte[]) data)[i]);
            case INT16: return ((short[]) data)[i];
            case UINT16: return Short.toUnsignedLong(((short[]) data)[i]);
            case INT32: return ((int[]) data)[i];
            case UINT32: return Integer.toUnsignedLong(((int[]) data)[i]);
            case INT64:
            case UINT64: return ((long[]) data)[i];
            default: return (long) getDouble(index);
        }
    }

    /** All elements as doubles (a new array; real parts for complex types). */
    public double[] toDoubleArray() {
        if (dtype == DType.FLOAT64) {
            return ((double[]) data).clone();
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /**
     * A new nested Java array of the storage type with this shape, e.g. {@code double[][]} for a
     * 2-D float64 array. Not defined for complex types (their storage interleaves two slots).
     */
    public Object toNested() {
        if (dtype.isComplex()) {
            throw new UnsupportedOperationException("complex arrays have no nested Java form; use data()");
        }
        if (shape.length == 0) {
            Object one = Array.newInstance(data.getClass().getComponentType(), 1);
            System.arraycopy(data, 0, one, 0, 1);
            return one;
        }
        Object out = Array.newInstance(data.getClass().getComponentType(), shape);
        int[] pos = {0};
        fillNested(out, 0, pos);
        return out;
    }

    private void fillNested(Object target, int level, int[] pos) {
        int n = shape[level];
        if (level == shape.length - 1) {
            System.arraycopy(data, pos[0], target, 0, n);
            pos[0] += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            fillNested(Array.get(target, i), level + 1, pos);
        }
    }

    /** Writes the elements little-endian into {@code dst} at its position, advancing it. */
    public void writeTo(ByteBuffer dst) {
        ByteBuffer le = dst.slice().order(ByteOrder.LITTLE_ENDIAN);
        int bytes = byteSize();
        if (data instanceof double[] d) {
            le.asDoubleBuffer().put(d);
        } else if (data instanceof float[] f) {
            le.asFloatBuffer().put(f);
        } else if (data instanceof long[] l) {
            le.asLongBuffer().put(l);
        } else if (data instanceof int[] i) {
            le.asIntBuffer().put(i);
        } else if (data instanceof short[] sh) {
            le.asShortBuffer().put(sh);
        } else if (data instanceof byte[] b) {
            le.put(b);
        } else {
            boolean[] b = (boolean[]) data;
            for (int i = 0; i < b.length; i++) {
                le.put(i, b[i] ? (byte) 1 : (byte) 0);
            }
        }
        dst.position(dst.position() + bytes);
    }

    /**
     * Reads {@code product(shape)} elements from {@code src} at its position (advancing it).
     *
     * @throws IllegalArgumentException if {@code src} holds fewer bytes than the shape needs
     */
    public static NdArray readFrom(DType dtype, ByteOrder order, int[] shape, ByteBuffer src) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n * dtype.itemSize() > src.remaining()) {
                throw new IllegalArgumentException("ndarray of shape " + Arrays.toString(shape) + " and dtype "
                        + dtype + " needs more bytes than the " + src.remaining() + " sent");
            }
        }
        int bytes = Math.toIntExact(n * dtype.itemSize());
        if (bytes != src.remaining()) {
            throw new IllegalArgumentException("ndarray data has " + src.remaining() + " bytes, shape "
                    + Arrays.toString(shape) + " of " + dtype + " needs " + bytes);
        }
        int slots = (int) n * dtype.slotsPerElement();
        ByteBuffer in = src.slice().order(order);
        Object data = Array.newInstance(dtype.storage().getComponentType(), slots);
        if (data instanceof double[] d) {
            in.asDoubleBuffer().get(d);
        } else if (data instanceof float[] f) {
            in.asFloatBuffer().get(f);
        } else if (data instanceof long[] l) {
            in.asLongBuffer().get(l);
        } else if (data instanceof int[] i) {
            in.asIntBuffer().get(i);
        } else if (data instanceof short[] sh) {
            in.asShortBuffer().get(sh);
        } else if (data instanceof byte[] b) {
            in.get(b);
        } else {
            boolean[] b = (boolean[]) data;
            for (int i = 0; i < b.length; i++) {
                b[i] = in.get(i) != 0;
            }
        }
        src.position(src.position() + bytes);
        return new NdArray(dtype, shape, data);
    }

    /**
     * What a decoder hands to the application: the plain Java array for one-dimensional data of a
     * dtype that has a natural Java array (float64, float32, int64, int32, int16, bool), else this.
     */
    public Object toJavaValue() {
        if (shape.length == 1) {
            switch (dtype) {
                case FLOAT64: case FLOAT32: case INT64: case INT32: case INT16: case BOOL:
                    return data;
                default:
                    break;
            }
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NdArray)) {
            return false;
        }
        NdArray other = (NdArray) o;
        return dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {other.data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    /** A summary: dtype, shape and the first few values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ndarray(").append(dtype).append(", shape=")
                .append(Arrays.toString(shape)).append(", [");
        int shown = Math.min(size, 6);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (dtype == DType.BOOL) {
                sb.append(((boolean[]) data)[i]);
            } else if (dtype.isComplex() || dtype == DType.FLOAT16 || dtype.storage() == double[].class
                    || dtype.storage() == float[].class) {
                sb.append(getDouble(i));
            } else if (dtype == DType.UINT64) {
                sb.append(Long.toUnsignedString(getLong(i)));
            } else {
                sb.append(getLong(i));
            }
        }
        if (size > shown) {
            sb.append(", ...");
        }
        return sb.append("])").toString();
    }

    /** IEEE 754 half precision conversion (the JDK has it only from Java 20). */
    static final class Float16 {
        private Float16() {
        }

        static float toFloat(short bits) {
            int h = bits & 0xffff;
            int sign = (h >>> 15) << 31;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            if (exp == 0) {
                float v = mant * 0x1p-24f;
                return sign == 0 ? v : -v;
            }
            if (exp == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
    }
}

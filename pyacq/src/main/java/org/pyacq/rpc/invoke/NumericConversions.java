package org.pyacq.rpc.invoke;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Conversions between number types, as a Python caller expects them: integers widen freely
 * ({@code Integer} → {@code long}, {@code double}, {@code BigInteger}), narrow only when the value
 * fits ({@code Long} 5 → {@code int}), floats never become integers, {@code Double} →
 * {@code float} unless it overflows.
 */
final class NumericConversions {

    /** Number kinds by rank; integers below floats below decimals. */
    enum Kind {
        BYTE(1, byte.class, Byte.class, Byte.MIN_VALUE, Byte.MAX_VALUE),
        SHORT(2, short.class, Short.class, Short.MIN_VALUE, Short.MAX_VALUE),
        INT(3, int.class, Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE),
        LONG(4, long.class, Long.class, Long.MIN_VALUE, Long.MAX_VALUE),
        BIG_INTEGER(5, null, BigInteger.class, 0, 0),
        FLOAT(6, float.class, Float.class, 0, 0),
        DOUBLE(7, double.class, Double.class, 0, 0),
        BIG_DECIMAL(8, null, BigDecimal.class, 0, 0);

        final int rank;
        final Class<?> primitive;
        final Class<?> box;
        final long min;
        final long max;

        Kind(int rank, Class<?> primitive, Class<?> box, long min, long max) {
            this.rank = rank;
            this.primitive = primitive;
            this.box = box;
            this.min = min;
            this.max = max;
        }

        boolean integral() {
            return rank <= BIG_INTEGER.rank;
        }

        boolean floating() {
            return this == FLOAT || this == DOUBLE;
        }

        /** The number as this kind's box (lossy for narrowing; check {@link #holds} first). */
        Object from(Number n) {
            switch (this) {
                case BYTE: return n.byteValue();
                case SHORT: return n.shortValue();
                case INT: return n.intValue();
                case LONG: return n.longValue();
                case BIG_INTEGER: return toBigInteger(n);
                case FLOAT: return n.floatValue();
                case DOUBLE: return n.doubleValue();
                default: return toBigDecimal(n);
            }
        }

        /** For integral kinds up to long: whether the integral value {@code n} is in range. */
        boolean holds(Number n) {
            if (n instanceof BigInteger b) {
                return b.bitLength() < 64 && b.longValue() >= min && b.longValue() <= max;
            }
            long v = n.longValue();
            return v >= min && v <= max;
        }

        static Kind ofValueClass(Class<?> c) {
            for (Kind k : values()) {
                if (k.box == c) {
                    return k;
                }
            }
            return null;
        }

        static Kind ofParameter(Class<?> p) {
            for (Kind k : values()) {
                if (k.box == p || k.primitive == p) {
                    return k;
                }
            }
            return null;
        }
    }

    private NumericConversions() {
    }

    /** The conversion from a number class to a numeric parameter type, or null if none applies. */
    static Conversion find(Class<?> argClass, Class<?> param) {
        Kind from = Kind.ofValueClass(argClass);
        Kind to = from == null ? null : Kind.ofParameter(param);
        if (to == null) {
            return null;
        }
        if (from == to) {
            return Conversion.identity(param.isPrimitive() ? Conversion.UNBOX : Conversion.EXACT);
        }
        int widen = Conversion.WIDEN + Math.abs(to.rank - from.rank);
        if (from.integral() && to.integral()) {
            if (to.rank > from.rank) {
                return Conversion.always(widen, v -> to.from((Number) v));
            }
            return Conversion.checked(Conversion.NARROW + from.rank - to.rank,
                    v -> to.holds((Number) v) ? to.from((Number) v) : Conversion.NO_FIT);
        }
        if (from.integral() && to.floating()) {
            if (from == Kind.BIG_INTEGER) {
                return Conversion.checked(widen, v -> finite(to.from((Number) v)));
            }
            return Conversion.always(widen, v -> to.from((Number) v));
        }
        if (from == Kind.FLOAT && to == Kind.DOUBLE) {
            return Conversion.always(widen, v -> ((Number) v).doubleValue());
        }
        if (from.floating() && to == Kind.FLOAT || from == Kind.BIG_DECIMAL && to.floating()) {
            return Conversion.checked(Conversion.NARROW, v -> {
                Number n = (Number) v;
                boolean wasFinite = !(n instanceof Double d) || Double.isFinite(d);
                Object converted = to.from(n);
                return wasFinite ? finite(converted) : converted;
            });
        }
        if (to == Kind.BIG_DECIMAL) {
            if (from.floating()) {
                return Conversion.checked(widen, v -> Double.isFinite(((Number) v).doubleValue())
                        ? toBigDecimal((Number) v) : Conversion.NO_FIT);
            }
            return Conversion.always(widen, v -> toBigDecimal((Number) v));
        }
        return null;
    }

    private static Object finite(Object number) {
        double d = ((Number) number).doubleValue();
        return Double.isInfinite(d) ? Conversion.NO_FIT : number;
    }

    static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        } else if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        } else if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}

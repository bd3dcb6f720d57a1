package org.pyacq.rpc.invoke;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Arithmetic, bitwise and comparison special names on boxed numbers, {@code BigInteger} and
 * {@code BigDecimal}, with Python's semantics:
 * <ul>
 * <li>integers never overflow: the result keeps the wider operand type ({@code Integer},
 *     {@code Long}, {@code BigInteger}) and is promoted when it does not fit
 *     ({@code Long.MAX_VALUE + 1} is a {@code BigInteger});</li>
 * <li>{@code /} gives a {@code Double}; {@code //} rounds toward negative infinity and {@code %}
 *     takes the sign of the divisor ({@code -7 // 2 == -4}, {@code -7 % 2 == 1}); division by zero
 *     is an {@link ArithmeticException};</li>
 * <li>any float operand makes a {@code Double} result; {@code BigDecimal} with integers stays
 *     {@code BigDecimal} with Python's {@code Decimal} rules ({@code //} truncates, {@code %}
 *     takes the sign of the dividend, 28 significant digits for {@code /});</li>
 * <li>comparisons are by exact value across all types; NaN compares false.</li>
 * </ul>
 */
final class NumberOps {

    static final List<String> ARITHMETIC = List.of("add", "sub", "mul", "truediv", "floordiv", "mod", "pow");
    static final List<String> BITWISE = List.of("and", "or", "xor", "lshift", "rshift");
    static final List<String> UNARY = List.of("neg", "pos", "abs", "invert");
    static final List<String> COMPARISONS = List.of("lt", "le", "gt", "ge");

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("add", "+"), Map.entry("sub", "-"), Map.entry("mul", "*"), Map.entry("truediv", "/"),
            Map.entry("floordiv", "//"), Map.entry("mod", "%"), Map.entry("pow", "**"), Map.entry("and", "&"),
            Map.entry("or", "|"), Map.entry("xor", "^"), Map.entry("lshift", "<<"), Map.entry("rshift", ">>"),
            Map.entry("neg", "unary -"), Map.entry("pos", "unary +"), Map.entry("abs", "abs()"),
            Map.entry("invert", "unary ~"), Map.entry("lt", "<"), Map.entry("le", "<="), Map.entry("gt", ">"),
            Map.entry("ge", ">="));

    private static final MathContext DECIMAL_CONTEXT = new MathContext(28, RoundingMode.HALF_EVEN);
    private static final int MAX_RESULT_BITS = 1 << 24;
    private static final BigInteger TWO_53 = BigInteger.ONE.shiftLeft(53);

    /** Integer result widths, in promotion order. */
    private enum Width { INT, LONG, BIG }

    private NumberOps() {
    }

    static String symbol(String op) {
        return SYMBOLS.getOrDefault(op, op);
    }

    static boolean isNumber(Object v) {
        return isInteger(v) || v instanceof Double || v instanceof Float || v instanceof BigDecimal;
    }

    static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger;
    }

    private static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float;
    }

    /** {@code a op b}, e.g. {@code binary("floordiv", -7, 2)} is {@code -4}. */
    static Object binary(String op, Object a, Object b) {
        if (a instanceof Boolean x && b instanceof Boolean y && (op.equals("and") || op.equals("or") || op.equals("xor"))) {
            return op.equals("and") ? x & y : op.equals("or") ? x | y : x ^ y;
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported(op, a, b);
        }
        if (isInteger(a) && isInteger(b)) {
            return integers(op, (Number) a, (Number) b);
        }
        if (BITWISE.contains(op)) {
            throw unsupported(op, a, b);
        }
        if (isFloat(a) || isFloat(b)) {
            return floats(op, ((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        return decimals(op, NumericConversions.toBigDecimal((Number) a), NumericConversions.toBigDecimal((Number) b));
    }

    /** {@code -a}, {@code +a}, {@code abs(a)}, {@code ~a}. */
    static Object unary(String op, Object a) {
        if (isInteger(a)) {
            BigInteger x = NumericConversions.toBigInteger((Number) a);
            switch (op) {
                case "neg": return fit(x.negate(), width(a));
                case "pos": return a;
                case "abs": return fit(x.abs(), width(a));
                case "invert": return fit(x.not(), width(a));
                default: break;
            }
        } else if (a instanceof Float f && !op.equals("invert")) {
            return op.equals("neg") ? -f : op.equals("abs") ? Math.abs(f) : f;
        } else if (a instanceof Double d && !op.equals("invert")) {
            return op.equals("neg") ? -d : op.equals("abs") ? Math.abs(d) : d;
        } else if (a instanceof BigDecimal d && !op.equals("invert")) {
            return op.equals("neg") ? d.negate() : op.equals("abs") ? d.abs() : d;
        }
        throw new UnsupportedOperandException("bad operand type for " + symbol(op) + ": '" + TypeNames.ofValue(a) + "'");
    }

    /** The order of two numbers by exact value, or empty when either is NaN. */
    static OptionalInt compare(Number a, Number b) {
        if (isInteger(a) && isInteger(b)) {
            if (a instanceof BigInteger || b instanceof BigInteger) {
                return OptionalInt.of(NumericConversions.toBigInteger(a).compareTo(NumericConversions.toBigInteger(b)));
            }
            return OptionalInt.of(Long.compare(a.longValue(), b.longValue()));
        }
        if (isFloat(a) || isFloat(b)) {
            double da = a.doubleValue();
            double db = b.doubleValue();
            if (Double.isNaN(da) && isFloat(a) || Double.isNaN(db) && isFloat(b)) {
                return OptionalInt.empty();
            }
            if (isFloat(a) && isFloat(b)) {
                return OptionalInt.of(da < db ? -1 : da > db ? 1 : 0);
            }
            // integers and decimals are finite, however large
            if (isFloat(a) && Double.isInfinite(da)) {
                return OptionalInt.of(da > 0 ? 1 : -1);
            }
            if (isFloat(b) && Double.isInfinite(db)) {
                return OptionalInt.of(db > 0 ? -1 : 1);
            }
        }
        return OptionalInt.of(exact(a).compareTo(exact(b)));
    }

    /** Python's {@code ==} on numbers: equal by value across types, NaN equal to nothing. */
    static boolean equal(Number a, Number b) {
        OptionalInt c = compare(a, b);
        return c.isPresent() && c.getAsInt() == 0;
    }

    /** {@code a < b} and friends for {@code op} in {@link #COMPARISONS}; false when NaN is involved. */
    static boolean compares(String op, Number a, Number b) {
        OptionalInt c = compare(a, b);
        return c.isPresent() && holds(op, c.getAsInt());
    }

    /** Whether a {@code compareTo} result satisfies comparison {@code op}. */
    static boolean holds(String op, int order) {
        switch (op) {
            case "lt": return order < 0;
            case "le": return order <= 0;
            case "gt": return order > 0;
            default: return order >= 0;
        }
    }

    static UnsupportedOperandException unsupported(String op, Object a, Object b) {
        return new UnsupportedOperandException("unsupported operand types for " + symbol(op) + ": '"
                + TypeNames.ofValue(a) + "' and '" + TypeNames.ofValue(b) + "'");
    }

    private static BigDecimal exact(Number n) {
        return n instanceof Double || n instanceof Float ? new BigDecimal(n.doubleValue()) : NumericConversions.toBigDecimal(n);
    }

    private static Width width(Object n) {
        return n instanceof BigInteger ? Width.BIG : n instanceof Long ? Width.LONG : Width.INT;
    }

    /** The narrowest of Integer, Long, BigInteger that is at least {@code width} and holds {@code x}. */
    private static Number fit(BigInteger x, Width width) {
        if (width == Width.INT && x.bitLength() < 32) {
            return x.intValue();
        }
        if (width != Width.BIG && x.bitLength() < 64) {
            return x.longValue();
        }
        return x;
    }

    private static Object integers(String op, Number a, Number b) {
        BigInteger x = NumericConversions.toBigInteger(a);
        BigInteger y = NumericConversions.toBigInteger(b);
        Width w = width(a).compareTo(width(b)) >= 0 ? width(a) : width(b);
        switch (op) {
            case "add": return fit(x.add(y), w);
            case "sub": return fit(x.subtract(y), w);
            case "mul": return fit(x.multiply(y), w);
            case "truediv":
                if (y.signum() == 0) {
                    throw new ArithmeticException("division by zero");
                }
                if (x.abs().compareTo(TWO_53) <= 0 && y.abs().compareTo(TWO_53) <= 0) {
                    return x.doubleValue() / y.doubleValue();
                }
                return new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
            case "floordiv":
            case "mod": {
                if (y.signum() == 0) {
                    throw new ArithmeticException("integer division or modulo by zero");
                }
                BigInteger[] qr = x.divideAndRemainder(y);
                if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
                    qr[0] = qr[0].subtract(BigInteger.ONE);
                    qr[1] = qr[1].add(y);
                }
                return fit(op.equals("floordiv") ? qr[0] : qr[1], w);
            }
            case "pow": return power(x, y, w);
            case "and": return fit(x.and(y), w);
            case "or": return fit(x.or(y), w);
            case "xor": return fit(x.xor(y), w);
            case "lshift":
            case "rshift": {
                if (y.signum() < 0) {
                    throw new ArithmeticException("negative shift count");
                }
                int n = y.bitLength() > 31 ? Integer.MAX_VALUE : y.intValue();
                if (op.equals("rshift")) {
                    return fit(x.shiftRight(n), w);
                }
                if (x.signum() != 0 && (long) x.bitLength() + n > MAX_RESULT_BITS) {
                    throw new ArithmeticException("result of " + x + " << " + y + " is too large");
                }
                return fit(x.signum() == 0 ? x : x.shiftLeft(n), w);
            }
            default: throw unsupported(op, a, b);
        }
    }

    private static Object power(BigInteger x, BigInteger y, Width w) {
        if (y.signum() < 0) {
            if (x.signum() == 0) {
                throw new ArithmeticException("0 cannot be raised to a negative power");
            }
            return Math.pow(x.doubleValue(), y.doubleValue());
        }
        // 0, 1 and -1 have small powers whatever the exponent
        if (x.signum() == 0) {
            return fit(y.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO, w);
        }
        if (x.abs().equals(BigInteger.ONE)) {
            return fit(x.signum() < 0 && y.testBit(0) ? x : BigInteger.ONE, w);
        }
        if (y.bitLength() > 31 || (long) x.bitLength() * y.intValue() > MAX_RESULT_BITS) {
            throw new ArithmeticException("result of " + x + " ** " + y + " is too large");
        }
        return fit(x.pow(y.intValue()), w);
    }

    private static Double floats(String op, double x, double y) {
        switch (op) {
            case "add": return x + y;
            case "sub": return x - y;
            case "mul": return x * y;
            case "truediv":
                if (y == 0) {
                    throw new ArithmeticException("float division by zero");
                }
                return x / y;
            case "floordiv":
            case "mod": {
                if (y == 0) {
                    throw new ArithmeticException(op.equals("mod") ? "float modulo by zero" : "float floor division by zero");
                }
                // Python's float_divmod
                double mod = x % y;
                double div = (x - mod) / y;
                if (mod != 0) {
                    if ((y < 0) != (mod < 0)) {
                        mod += y;
                        div -= 1.0;
                    }
                } else {
                    mod = Math.copySign(0.0, y);
                }
                if (op.equals("mod")) {
                    return mod;
                }
                if (div == 0) {
                    return Math.copySign(0.0, x / y);
                }
                double floor = Math.floor(div);
                return div - floor > 0.5 ? floor + 1.0 : floor;
            }
            case "pow":
                if (x == 0 && y < 0) {
                    throw new ArithmeticException("0.0 cannot be raised to a negative power");
                }
                if (x < 0 && Double.isFinite(y) && y != Math.rint(y)) {
                    throw new ArithmeticException("a negative number cannot be raised to a fractional power"
                            + " (the result would be complex)");
                }
                return Math.pow(x, y);
            default: throw unsupported(op, x, y);
        }
    }

    private static BigDecimal decimals(String op, BigDecimal x, BigDecimal y) {
        switch (op) {
            case "add": return x.add(y);
            case "sub": return x.subtract(y);
            case "mul": return x.multiply(y);
            case "pow": {
                BigDecimal n = y.stripTrailingZeros();
                if (n.scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(999_999_999)) <= 0) {
                    if (x.signum() == 0 && n.signum() < 0) {
                        throw new ArithmeticException("0 cannot be raised to a negative power");
                    }
                    return x.pow(n.intValueExact(), DECIMAL_CONTEXT);
                }
                return new BigDecimal(floats("pow", x.doubleValue(), y.doubleValue()), DECIMAL_CONTEXT);
            }
            default:
                if (y.signum() == 0) {
                    throw new ArithmeticException("division by zero");
                }
                switch (op) {
                    case "truediv": return x.divide(y, DECIMAL_CONTEXT);
                    case "floordiv": return x.divideToIntegralValue(y);
                    default: return x.remainder(y);
                }
        }
    }
}

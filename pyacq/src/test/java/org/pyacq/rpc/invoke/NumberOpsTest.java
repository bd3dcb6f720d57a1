package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NumberOpsTest {

    private final Invoker invoker = new Invoker();

    @Test
    void floorDivisionRoundsTowardNegativeInfinityAndModuloTakesTheDivisorsSign() {
        assertEquals(-4, call(invoker, -7, "__floordiv__", 2));
        assertEquals(1, call(invoker, -7, "__mod__", 2));
        assertEquals(-1, call(invoker, 7, "__mod__", -2));
        assertEquals(3, call(invoker, 7, "__floordiv__", 2));
        assertEquals(-4.0, call(invoker, -7.0, "__floordiv__", 2));
        assertEquals(0.5, call(invoker, -7.5, "__mod__", 2));
    }

    @Test
    void trueDivisionGivesADouble() {
        assertEquals(3.5, call(invoker, 7, "__truediv__", 2));
        assertEquals(2.0, call(invoker, 4L, "__truediv__", 2));
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> call(invoker, 1, "__truediv__", 0));
        assertEquals("division by zero", e.getMessage());
        assertEquals("integer division or modulo by zero",
                assertThrows(ArithmeticException.class, () -> call(invoker, 1, "__mod__", 0)).getMessage());
    }

    @Test
    void integersPromoteInsteadOfOverflowing() {
        assertEquals(new BigInteger("9223372036854775808"), call(invoker, Long.MAX_VALUE, "__add__", 1));
        assertEquals(2147483648L, call(invoker, Integer.MAX_VALUE, "__add__", 1));
        assertEquals(2147483648L, call(invoker, Integer.MIN_VALUE, "__neg__"));
        assertEquals(5L, call(invoker, 2L, "__add__", 3));
        assertEquals(1024, call(invoker, 2, "__pow__", 10));
        assertEquals(BigInteger.ONE.shiftLeft(100), call(invoker, 2, "__pow__", 100));
        assertEquals(0.5, call(invoker, 2, "__pow__", -1));
        assertEquals(BigInteger.ONE.shiftLeft(70), call(invoker, 1, "__lshift__", 70));
    }

    @Test
    void bitwiseOperatorsAndUnaryOperators() {
        assertEquals(-4, call(invoker, -8, "__rshift__", 1));
        assertEquals(-6, call(invoker, 5, "__invert__"));
        assertEquals(4, call(invoker, 6, "__and__", 12));
        assertEquals(14, call(invoker, 6, "__or__", 12));
        assertEquals(10, call(invoker, 6, "__xor__", 12));
        assertEquals(false, call(invoker, true, "__and__", false));
        assertEquals(3, call(invoker, -3, "__abs__"));
        assertEquals(-2.5, call(invoker, 2.5, "__neg__"));
        assertEquals("negative shift count",
                assertThrows(ArithmeticException.class, () -> call(invoker, 1, "__lshift__", -1)).getMessage());
    }

    @Test
    void reflectedOperatorsSwapTheOperands() {
        assertEquals(-7, call(invoker, 10, "__rsub__", 3));
        assertEquals(2, call(invoker, 3, "__rfloordiv__", 7));
        assertEquals(8, call(invoker, 3, "__rpow__", 2));
    }

    @Test
    void bigDecimalsFollowPythonDecimalRules() {
        assertEquals(new BigDecimal("-3"), call(invoker, new BigDecimal("-7"), "__floordiv__", 2));
        assertEquals(new BigDecimal("-1"), call(invoker, new BigDecimal("-7"), "__mod__", 2));
        assertEquals(new BigDecimal("0.25"), call(invoker, BigDecimal.ONE, "__truediv__", 4));
        assertEquals(new BigDecimal("2.5"), call(invoker, new BigDecimal("1.5"), "__add__", 1));
    }

    @Test
    void comparisonsAreByValueAcrossTypes() {
        assertEquals(true, call(invoker, 1, "__lt__", 1.5));
        assertEquals(true, call(invoker, new BigInteger("9223372036854775808"), "__gt__", Long.MAX_VALUE));
        assertEquals(true, call(invoker, 2L, "__ge__", 2));
        assertEquals(true, call(invoker, 0.1, "__gt__", new BigDecimal("0.1")));
        assertEquals(false, call(invoker, Double.NaN, "__eq__", Double.NaN));
        assertEquals(false, call(invoker, Double.NaN, "__lt__", 1));
        assertEquals(true, call(invoker, Double.POSITIVE_INFINITY, "__gt__", new BigInteger("1" + "0".repeat(400))));
        assertEquals(true, call(invoker, "apple", "__lt__", "banana"));
    }

    @Test
    void unsupportedOperandsAreReportedLikePython() {
        UnsupportedOperandException e = assertThrows(UnsupportedOperandException.class,
                () -> call(invoker, 1, "__add__", "a"));
        assertEquals("unsupported operand types for +: 'Integer' and 'String'", e.getMessage());
        assertEquals("'<' not supported between instances of 'String' and 'Integer'",
                assertThrows(UnsupportedOperandException.class, () -> call(invoker, "a", "__lt__", 1)).getMessage());
        assertEquals("unsupported operand types for &: 'Integer' and 'Double'",
                assertThrows(UnsupportedOperandException.class, () -> call(invoker, 1, "__and__", 1.5)).getMessage());
        assertEquals("java.lang.Double has no field or method '__and__'; __and__ applies to integers and booleans",
                assertThrows(AttributeNotFoundException.class, () -> call(invoker, 1.5, "__and__", 1)).getMessage());
    }

    @Test
    void numberOpsWorkDirectlyOnBoxes() {
        assertEquals(-4, NumberOps.binary("floordiv", -7, 2));
        assertEquals(1, NumberOps.binary("mod", -7, 2));
        assertEquals(new BigInteger("-9223372036854775809"), NumberOps.binary("sub", Long.MIN_VALUE, 1));
        assertEquals(0, NumberOps.compare(1, 1.0).getAsInt());
    }
}

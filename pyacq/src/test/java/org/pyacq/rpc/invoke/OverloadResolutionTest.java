package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.invoke.Fixtures.Amb;

class OverloadResolutionTest {

    private final Invoker invoker = new Invoker();

    @Test
    void oneArgumentAddTakesAnyObjectAndTwoArgumentsPickTheIndexedAdd() {
        List<Object> list = new ArrayList<>();
        call(invoker, list, "add", 5L);
        call(invoker, list, "add", 0L, "first");
        assertEquals(List.of("first", 5L), list);
    }

    @Test
    void longThatDoesNotFitAnIntIsRefusedListingWhatWasTried() {
        OverloadException e = assertThrows(OverloadException.class,
                () -> call(invoker, new ArrayList<>(), "add", 1L << 40, "x"));
        assertEquals("no overload of ArrayList.add fits (Long, String); tried: add(Object), add(int, Object)",
                e.getMessage());
        assertEquals(List.of("Long", "String"), e.argumentTypes());
        assertEquals(false, e.isAmbiguous());
    }

    @Test
    void integerAndDoubleMeetAtDouble() {
        assertEquals(2.5, call(invoker, Math.class, "max", 1, 2.5));
        assertEquals(7, call(invoker, Math.class, "max", 3, 7));
        assertEquals(7L, call(invoker, Math.class, "max", 3L, 7L));
    }

    @Test
    void valueOfPicksCharArrayForACharArrayAndObjectForAList() {
        assertEquals("abc", call(invoker, String.class, "valueOf", (Object) new char[] {'a', 'b', 'c'}));
        assertEquals("[a, b]", call(invoker, String.class, "valueOf", List.of("a", "b")));
        assertEquals("12", call(invoker, String.class, "valueOf", 12));
    }

    @Test
    void valueOfNullPicksCharArrayLikeJavacAndItsExceptionPassesThrough() {
        assertThrows(NullPointerException.class, () -> call(invoker, String.class, "valueOf", (Object) null));
    }

    @Test
    void removeWithAnIntegerRemovesTheValueLikeJavac() {
        List<Integer> list = new ArrayList<>(List.of(5, 1, 7));
        assertEquals(true, call(invoker, list, "remove", 1));
        assertEquals(List.of(5, 7), list);
        assertEquals(5, call(invoker, list, "remove(int)", 0));
        assertEquals(List.of(7), list);
    }

    @Test
    void appendPicksTheNaturalOverloadForEachArgument() {
        StringBuilder sb = new StringBuilder();
        call(invoker, sb, "append", "x");
        call(invoker, sb, "append", 5);
        call(invoker, sb, "append", 2.5);
        call(invoker, sb, "append", true);
        call(invoker, sb, "append", (Object) new char[] {'c', 'd'});
        call(invoker, sb, "append", "wxyz", 1, 3);
        assertEquals("x52.5truecdxy", sb.toString());
        assertEquals(13, call(invoker, sb, "length"));
        assertTrue((Integer) call(invoker, sb, "capacity") >= 13);
    }

    @Test
    void appendOfNullIsAmbiguousAsInJavac() {
        OverloadException e = assertThrows(OverloadException.class,
                () -> call(invoker, new StringBuilder(), "append", (Object) null));
        assertEquals("ambiguous call StringBuilder.append(null): append(char[]), append(String) and "
                + "append(StringBuffer) fit equally well", e.getMessage());
        assertTrue(e.isAmbiguous());
    }

    @Test
    void twoOverloadsThatTieAreReportedAsAmbiguous() {
        OverloadException e = assertThrows(OverloadException.class, () -> call(invoker, new Amb(), "f", 1, 2));
        assertEquals("ambiguous call Fixtures.Amb.f(Integer, Integer): f(Integer, Object) and f(Object, Integer) "
                + "fit equally well", e.getMessage());
        assertEquals("IO", call(invoker, new Amb(), "f", 1, "x"));
    }

    @Test
    void varargsPackTrailingArguments() {
        assertEquals("5-x", call(invoker, String.class, "format", "%d-%s", 5, "x"));
        assertEquals(List.of(1, 2, 3), call(invoker, Arrays.class, "asList", 1, 2, 3));
        assertEquals(List.of("a"), call(invoker, Arrays.class, "asList", "a"));
        assertEquals(List.of(), call(invoker, Arrays.class, "asList"));
        assertEquals(List.of(1, 2), call(invoker, List.class, "of", 1, 2));
        assertEquals(11, ((List<?>) call(invoker, List.class, "of", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)).size());
    }

    @Test
    void anArrayFillsTheVarargsParameterAsIsAndAListBecomesOneElement() {
        assertEquals(List.of("a", "b"), call(invoker, Arrays.class, "asList", (Object) new String[] {"a", "b"}));
        assertEquals(List.of(List.of(1, 2)), call(invoker, Arrays.class, "asList", List.of(1, 2)));
    }

    @Test
    void aListIsSpreadIntoVarargsWhenNothingElseFits() {
        Object stream = call(invoker, IntStream.class, "of", List.of(1, 2, 3));
        assertEquals(6, call(invoker, stream, "sum"));
    }

    @Test
    void nullArgumentsFitReferenceParameters() {
        assertEquals(true, call(invoker, Objects.class, "isNull", (Object) null));
        assertEquals("default", call(invoker, Objects.class, "toString", null, "default"));
    }

    @Test
    void enumConstantsAreGivenByName() {
        assertEquals(300L, call(invoker, TimeUnit.SECONDS, "convert", 5, "MINUTES"));
        assertEquals(TimeUnit.HOURS, call(invoker, TimeUnit.class, "valueOf", "HOURS"));
        OverloadException e = assertThrows(OverloadException.class,
                () -> call(invoker, TimeUnit.SECONDS, "convert", 5, "FORTNIGHTS"));
        assertEquals("no overload of TimeUnit.convert fits (Integer, String); tried: convert(Duration), "
                + "convert(long, TimeUnit)", e.getMessage());
    }

    @Test
    void bigIntegersConvertBothWays() {
        BigInteger big = new BigInteger("12345678901234567890");
        assertEquals(new BigInteger("12345678901234567897"), call(invoker, big, "add", 7));
        assertEquals(BigInteger.valueOf(5), call(invoker, BigInteger.class, "valueOf", 5));
        assertEquals(5L, ((Number) call(invoker, Math.class, "addExact", BigInteger.TWO, 3)).longValue());
        assertThrows(OverloadException.class, () -> call(invoker, Math.class, "addExact", big, 3));
    }

    @Test
    void constructorsArePickedByTheSameRules() {
        assertEquals(List.of(1, 2), invoker.call(ArrayList.class, List.of(List.of(1, 2))));
        Object sb = invoker.call(StringBuilder.class, List.of("ab"));
        assertEquals("ab", sb.toString());
        assertInstanceOf(ArrayList.class, invoker.call(ArrayList.class, List.of(10L)));
        OverloadException e = assertThrows(OverloadException.class,
                () -> invoker.call(StringBuilder.class, List.of(true, true)));
        assertEquals("no constructor of StringBuilder fits (Boolean, Boolean); tried: StringBuilder(), "
                + "StringBuilder(CharSequence), StringBuilder(int), StringBuilder(String)", e.getMessage());
    }

    @Test
    void exactSignaturesSelectOneOverload() {
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        MethodGroup add = (MethodGroup) invoker.getAttribute(list, "add(int,java.lang.Object)");
        assertEquals(List.of("add(int, Object) -> void"), add.signatures());
        invoker.call(add, List.of(0, "z"));
        assertEquals(List.of("z", "a", "b"), list);
        assertEquals(Integer.valueOf(12), call(invoker, Integer.class, "valueOf(String)", "12"));
        Object sb = call(invoker, StringBuilder.class, "<init>(int)", 64);
        assertEquals(64, call(invoker, sb, "capacity"));
        assertEquals("constructor java.lang.StringBuilder", invoker.getAttribute(StringBuilder.class, "<init>(String)").toString());
    }

    @Test
    void unknownExactSignatureListsTheOverloadsThatExist() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(new ArrayList<>(), "remove(long)"));
        assertEquals("java.util.ArrayList has no method 'remove(long)'; its overloads are remove(int), remove(Object)",
                e.getMessage());
    }

    @Test
    void exactSignatureStillConvertsArgumentsToItsTypes() {
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        assertEquals("b", call(invoker, list, "remove(int)", 1L));
        OverloadException e = assertThrows(OverloadException.class, () -> call(invoker, list, "remove(int)", "a"));
        assertEquals("no overload of ArrayList.remove fits (String); tried: remove(int)", e.getMessage());
    }
}

package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.invoke.Fixtures.FakeRemote;
import org.pyacq.rpc.invoke.Fixtures.FakeRemotes;
import org.pyacq.rpc.invoke.Fixtures.Sample;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

class ConversionTest {

    private final Invoker invoker = new Invoker();

    @Test
    void listsBecomeIntArraysWhenEveryElementFits() {
        assertEquals(6, call(invoker, new Sample(), "sum", List.of(1, 2L, 3)));
        OverloadException e = assertThrows(OverloadException.class,
                () -> call(invoker, new Sample(), "sum", new ArrayList<>(List.of(1, 1L << 40))));
        assertEquals("no overload of Fixtures.Sample.sum fits (ArrayList); tried: sum(int[])", e.getMessage());
    }

    @Test
    void listsBecomeStringArrays() {
        assertEquals("a+b", call(invoker, new Sample(), "join", List.of("a", "b")));
        assertThrows(OverloadException.class, () -> call(invoker, new Sample(), "join", List.of("a", 1)));
    }

    @Test
    void listsOfListsBecomeNestedArrays() {
        assertEquals(10.0, call(invoker, new Sample(), "total", List.of(List.of(1, 2), List.of(3.0, 4))));
    }

    @Test
    void ndArraysBecomeNestedPrimitiveArraysOfTheirShape() {
        NdArray matrix = NdArray.wrap(DType.FLOAT64, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(21.0, call(invoker, new Sample(), "total", matrix));
        NdArray wrongShape = NdArray.wrap(DType.FLOAT64, new double[] {1, 2}, 2);
        assertThrows(OverloadException.class, () -> call(invoker, new Sample(), "total", wrongShape));
    }

    @Test
    void primitiveArraysConvertToOtherPrimitiveArraysWhenValuesFit() {
        assertEquals(6, call(invoker, new Sample(), "sum", (Object) new long[] {1, 2, 3}));
        OverloadException e = assertThrows(OverloadException.class,
                () -> call(invoker, new Sample(), "sum", (Object) new long[] {1L << 40}));
        assertEquals("no overload of Fixtures.Sample.sum fits (long[]); tried: sum(int[])", e.getMessage());
    }

    @Test
    void primitiveArraysAreWrappedWhereAnNdArrayIsExpected() {
        assertEquals("float32 [2]", call(invoker, new Sample(), "describe", (Object) new float[] {1f, 2f}));
        assertEquals("int8 [3]", call(invoker, new Sample(), "describe", (Object) new byte[3]));
    }

    @Test
    void listsBecomeSetsAndMapsBecomeSortedMaps() {
        Set<?> set = (Set<?>) call(invoker, Collections.class, "unmodifiableSet", List.of(1, 1, 2));
        assertEquals(Set.of(1, 2), set);
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", 2);
        SortedMap<?, ?> sorted = (SortedMap<?, ?>) call(invoker, Collections.class, "unmodifiableSortedMap", map);
        assertEquals("a", sorted.firstKey());
    }

    @Test
    void doublesNarrowToFloatAndNumbersWidenToBigDecimal() {
        assertEquals(2.5f, call(invoker, Float.class, "valueOf", 2.5));
        assertEquals(new BigDecimal("3.5"), call(invoker, new BigDecimal("1.5"), "add", 2));
        assertThrows(OverloadException.class, () -> call(invoker, Float.class, "valueOf", 1e300));
    }

    @Test
    void oneCharacterStringsAreChars() {
        assertEquals("a-c", call(invoker, "abc", "replace", "b", "-"));
        assertEquals(1, call(invoker, "abc", "indexOf", "b"));
        assertEquals(Character.valueOf('x'), call(invoker, Character.class, "valueOf", "x"));
    }

    @Test
    void remoteObjectsAreAdaptedToInterfacesForCallbacks() {
        Invoker withRemotes = new Invoker(InvokerOptions.builder().remoteObjects(new FakeRemotes()).build());
        FakeRemote upper = new FakeRemote("upper", args -> ((String) args.get(0)).toUpperCase());
        assertEquals(Optional.of("ABC"), call(withRemotes, Optional.of("abc"), "map", upper));
        assertEquals("XX", call(withRemotes, new Sample(), "apply", upper, "xx"));
    }

    @Test
    void remoteObjectsPassAsIsWhereAnObjectIsExpected() {
        Invoker withRemotes = new Invoker(InvokerOptions.builder().remoteObjects(new FakeRemotes()).build());
        FakeRemote remote = new FakeRemote("r", args -> null);
        List<Object> list = new ArrayList<>();
        call(withRemotes, list, "add", remote);
        assertSame(remote, list.get(0));
    }
}

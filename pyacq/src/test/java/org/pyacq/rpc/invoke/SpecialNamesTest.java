package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.invoke.Fixtures.Sample;

class SpecialNamesTest {

    private final Invoker invoker = new Invoker();

    @Test
    void getItemIndexesListsArraysMapsAndStringsWithNegativeIndexes() {
        List<String> list = List.of("a", "b", "c");
        assertEquals("c", call(invoker, list, "__getitem__", -1));
        assertEquals("a", call(invoker, list, "__getitem__", 0L));
        assertEquals(30, call(invoker, new int[] {10, 20, 30}, "__getitem__", -1));
        assertEquals("b", call(invoker, "abc", "__getitem__", -2));
        assertEquals(1, call(invoker, Map.of("k", 1), "__getitem__", "k"));
        assertEquals("long key", call(invoker, Map.of(5L, "long key"), "__getitem__", 5));
    }

    @Test
    void indexOutOfRangeAndWrongIndexTypeSayWhatWasAsked() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> call(invoker, new ArrayList<>(List.of(1, 2, 3)), "__getitem__", -4));
        assertEquals("index -4 is out of range for java.util.ArrayList of length 3", e.getMessage());
        ArgumentException a = assertThrows(ArgumentException.class,
                () -> call(invoker, new ArrayList<>(List.of(1)), "__getitem__", "0"));
        assertEquals("indices of java.util.ArrayList must be integers, not String", a.getMessage());
        NoSuchElementException k = assertThrows(NoSuchElementException.class,
                () -> call(invoker, new LinkedHashMap<>(Map.of("a", 1)), "__getitem__", "b"));
        assertEquals("key 'b' is not in java.util.LinkedHashMap (1 keys)", k.getMessage());
    }

    @Test
    void setItemAndDelItemChangeListsArraysAndMaps() {
        List<Object> list = new ArrayList<>(List.of("a", "b", "c"));
        call(invoker, list, "__setitem__", -1, "z");
        call(invoker, list, "__delitem__", 0);
        assertEquals(List.of("b", "z"), list);
        int[] numbers = {1, 2};
        call(invoker, numbers, "__setitem__", 1, 9L);
        assertArrayEquals(new int[] {1, 9}, numbers);
        Map<Object, Object> map = new LinkedHashMap<>();
        call(invoker, map, "__setitem__", "k", 1);
        call(invoker, map, "__setitem__", "j", 2);
        call(invoker, map, "__delitem__", "k");
        assertEquals(Map.of("j", 2), map);
        ArgumentException e = assertThrows(ArgumentException.class,
                () -> call(invoker, numbers, "__setitem__", 0, "x"));
        assertEquals("cannot store String 'x' in int[] (its elements are int)", e.getMessage());
    }

    @Test
    void lenAndContainsWorkOnEveryContainer() {
        assertEquals(3, call(invoker, List.of(1, 2, 3), "__len__"));
        assertEquals(1, call(invoker, Map.of("a", 1), "__len__"));
        assertEquals(2, call(invoker, new double[2], "__len__"));
        assertEquals(5, call(invoker, "hello", "__len__"));
        assertEquals(true, call(invoker, List.of(1, 2), "__contains__", 2L));
        assertEquals(true, call(invoker, List.of(1, 2), "__contains__", 2.0));
        assertEquals(true, call(invoker, Map.of("a", 1), "__contains__", "a"));
        assertEquals(true, call(invoker, "hello", "__contains__", "ell"));
        assertEquals(false, call(invoker, new int[] {1, 2}, "__contains__", 3));
    }

    @Test
    void iterationEndsWithStopIteration() {
        Object it = call(invoker, new ArrayList<>(List.of("x", "y")), "__iter__");
        assertInstanceOf(Iterator.class, it);
        assertEquals("x", call(invoker, it, "__next__"));
        assertEquals("y", call(invoker, it, "__next__"));
        StopIteration stop = assertThrows(StopIteration.class, () -> call(invoker, it, "__next__"));
        assertEquals("StopIteration", stop.getClass().getSimpleName());
        assertEquals("java.util.ArrayList$Itr is exhausted", stop.getMessage());
        Object keys = call(invoker, Map.of("only", 1), "__iter__");
        assertEquals("only", call(invoker, keys, "__next__"));
        Object elements = call(invoker, new int[] {4}, "__iter__");
        assertEquals(4, call(invoker, elements, "__next__"));
    }

    @Test
    void equalityHashTextAndTruth() {
        assertEquals(true, call(invoker, 1, "__eq__", 1.0));
        assertEquals(true, call(invoker, 1L, "__eq__", 1));
        assertEquals(false, call(invoker, "a", "__ne__", "a"));
        assertEquals("a".hashCode(), call(invoker, "a", "__hash__"));
        assertEquals("[1, 2]", call(invoker, new int[] {1, 2}, "__str__"));
        assertEquals("'it\\'s'", call(invoker, "it's", "__repr__"));
        assertEquals("int[] [1, 2]", call(invoker, new int[] {1, 2}, "__repr__"));
        assertEquals(false, call(invoker, new ArrayList<>(), "__bool__"));
        assertEquals(false, call(invoker, 0.0, "__bool__"));
        assertEquals(true, call(invoker, new Sample(), "__bool__"));
    }

    @Test
    void callGetattrAndSetattrGoThroughTheInvoker() {
        List<Object> list = new ArrayList<>();
        Object add = invoker.getAttribute(list, "add");
        call(invoker, add, "__call__", "x");
        assertEquals(List.of("x"), list);
        Object size = call(invoker, list, "__getattr__", "size");
        assertEquals(1, invoker.call(size, List.of()));
        assertEquals(3, call(invoker, new Sample(), "__getattr__", "size"));
        assertEquals(new ArrayList<>(), call(invoker, ArrayList.class, "__call__"));
    }

    @Test
    void setattrConvertsTheValueToTheFieldType() {
        Sample s = new Sample();
        call(invoker, s, "__setattr__", "size", 10L);
        assertEquals(10, s.size);
        call(invoker, s, "__setattr__", "ratio", 2);
        assertEquals(2.0, s.ratio);
        call(invoker, Sample.class, "__setattr__", "counter", 8);
        assertEquals(8, Sample.counter);
        Sample.counter = 7;
    }

    @Test
    void setattrRefusesFinalFieldsWrongTypesAndUnknownNames() {
        Sample s = new Sample();
        assertEquals("field org.pyacq.rpc.invoke.Fixtures$Sample.id is final and cannot be set",
                assertThrows(ArgumentException.class, () -> call(invoker, s, "__setattr__", "id", "x")).getMessage());
        assertEquals("cannot set field org.pyacq.rpc.invoke.Fixtures$Sample.size of type int to String 'big'",
                assertThrows(ArgumentException.class, () -> call(invoker, s, "__setattr__", "size", "big")).getMessage());
        assertEquals("org.pyacq.rpc.invoke.Fixtures$Sample has no field 'sise'; did you mean 'size'?",
                assertThrows(AttributeNotFoundException.class, () -> call(invoker, s, "__setattr__", "sise", 1))
                        .getMessage());
    }

    @Test
    void dirListsMembersAndSpecialNamesSorted() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) call(invoker, new ArrayList<>(), "__dir__");
        assertTrue(names.containsAll(List.of("add", "size", "__len__", "__getitem__", "__iter__")));
        assertEquals(names.stream().sorted().toList(), names);
        @SuppressWarnings("unchecked")
        List<String> packageNames = (List<String>) call(invoker, new PackageRef("java.util"), "__dir__");
        assertTrue(packageNames.containsAll(List.of("ArrayList", "concurrent", "function")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void inspectDescribesInstancesClassesPackagesAndMethods() {
        Map<String, Object> instance = (Map<String, Object>) call(invoker, new Sample(), "__inspect__");
        assertEquals("org.pyacq.rpc.invoke.Fixtures$Sample", instance.get("type"));
        assertEquals("instance", instance.get("kind"));
        assertTrue(((List<Object>) instance.get("fields")).contains(Map.of("name", "size", "type", "int", "static", false)));
        assertTrue(((List<String>) instance.get("methods")).contains("sum(int[]) -> int"));

        Map<String, Object> type = (Map<String, Object>) call(invoker, ArrayList.class, "__inspect__");
        assertEquals("class", type.get("kind"));
        assertEquals(List.of("ArrayList()", "ArrayList(Collection)", "ArrayList(int)"), type.get("constructors"));

        Map<String, Object> pkg = (Map<String, Object>) call(invoker, new PackageRef("java.util.function"), "__inspect__");
        assertEquals("package", pkg.get("kind"));
        assertTrue(((List<String>) pkg.get("classes")).contains("Function"));

        Map<String, Object> method = (Map<String, Object>) call(invoker, invoker.getAttribute(new ArrayList<>(), "add"),
                "__inspect__");
        assertEquals("method", method.get("kind"));
        assertEquals(List.of("add(Object) -> boolean", "add(int, Object) -> void"), method.get("methods"));
    }

    @Test
    void specialNamesThatDoNotApplySayWhatTheyApplyTo() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(5, "__len__"));
        assertEquals("java.lang.Integer has no field or method '__len__'; __len__ applies to collections, maps, arrays "
                + "and character sequences", e.getMessage());
        AttributeNotFoundException typo = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(List.of(), "__lne__"));
        assertEquals("java.util.ImmutableCollections$ListN has no field or method '__lne__'; did you mean '__len__'?",
                typo.getMessage());
    }

    @Test
    void specialNamesCheckTheirArgumentCount() {
        ArgumentException e = assertThrows(ArgumentException.class, () -> call(invoker, List.of(), "__len__", 1));
        assertEquals("__len__ takes no arguments (1 given)", e.getMessage());
        ArgumentException two = assertThrows(ArgumentException.class, () -> call(invoker, List.of(), "__setitem__", 1));
        assertEquals("__setitem__ takes 2 arguments (1 given)", two.getMessage());
    }
}

package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.invoke.Fixtures.Sample;

class AttributeWalkTest {

    private final Invoker invoker = new Invoker();

    @Test
    void classAttributesAreStaticFieldsNestedClassesAndStaticMethods() {
        assertEquals("hello", invoker.getAttribute(Sample.class, "GREETING"));
        assertSame(Sample.Inner.class, invoker.getAttribute(Sample.class, "Inner"));
        MethodGroup max = (MethodGroup) invoker.getAttribute(Math.class, "max");
        assertEquals("method java.lang.Math.max", max.toString());
        assertEquals(null, max.target());
        assertEquals(List.of("max(double, double) -> double", "max(float, float) -> float",
                "max(int, int) -> int", "max(long, long) -> long"), max.signatures());
    }

    @Test
    void classObjectMembersAreReachableWhenTheClassHasNoSuchStatic() {
        assertEquals("java.lang.String", call(invoker, String.class, "getName"));
        assertEquals("ArrayList", call(invoker, ArrayList.class, "getSimpleName"));
    }

    @Test
    void instanceAttributesArePublicFieldsAndMethodGroups() {
        Sample s = new Sample();
        assertEquals("s1", invoker.getAttribute(s, "id"));
        MethodGroup add = (MethodGroup) invoker.getAttribute(new ArrayList<>(), "add");
        assertEquals("method java.util.ArrayList.add", add.toString());
        assertEquals(List.of("add(Object) -> boolean", "add(int, Object) -> void"), add.signatures());
    }

    @Test
    void packageAttributesAreClassesThenSubPackages() {
        PackageRef util = new PackageRef("java.util");
        assertSame(List.class, invoker.getAttribute(util, "List"));
        assertEquals(new PackageRef("java.util.concurrent"), invoker.getAttribute(util, "concurrent"));
        assertSame(TimeUnit.class, invoker.walk(new PackageRef("java"), List.of("util", "concurrent", "TimeUnit")));
    }

    @Test
    void unknownPackageMemberSuggestsTheClosestClass() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(new PackageRef("java.util"), "Lisst"));
        assertEquals("package java.util has no class or sub-package 'Lisst'; did you mean 'List'?", e.getMessage());
    }

    @Test
    void methodsOfNonPublicRuntimeClassesAreCalledThroughPublicInterfaces() {
        List<Integer> immutable = List.of(1, 2);
        assertEquals("java.util.ImmutableCollections$List12", invoker.typeString(immutable));
        assertEquals(2, call(invoker, immutable, "size"));
        assertEquals(2, call(invoker, immutable, "get", 1L));
        assertEquals(true, call(invoker, List.of(1, 2, 3, 4).iterator(), "hasNext"));
        assertEquals(true, call(invoker, Map.of("a", 1), "containsKey", "a"));
        assertEquals("[1, 2]", call(invoker, immutable, "toString"));
    }

    @Test
    void bridgeMethodsThatOnlyEraseGenericsAreNotOverloads() {
        MethodGroup compareTo = (MethodGroup) invoker.getAttribute("a", "compareTo");
        assertEquals(List.of("compareTo(String) -> int"), compareTo.signatures());
        OverloadException e = assertThrows(OverloadException.class, () -> invoker.call(compareTo, List.of(1)));
        assertEquals("no overload of String.compareTo fits (Integer); tried: compareTo(String)", e.getMessage());
    }

    @Test
    void arraysHaveLengthAndObjectMethods() {
        int[] numbers = {1, 2, 3};
        assertEquals(3, invoker.getAttribute(numbers, "length"));
        assertEquals(int[].class, call(invoker, numbers, "getClass"));
    }

    @Test
    void fieldAndMethodOfOneNameReadAsTheFieldAndCallAsTheMethod() {
        Sample s = new Sample();
        Object walked = invoker.getAttribute(s, "size");
        FieldOrMethods both = assertInstanceOf(FieldOrMethods.class, walked);
        assertEquals(3, invoker.valueOf(walked));
        assertEquals(3, both.value());
        assertEquals(42, invoker.call(walked, List.of()));
        assertEquals("java.lang.Integer", invoker.typeString(walked));
        assertEquals("3", call(invoker, walked, "toString"));
    }

    @Test
    void walkFollowsEachNameAndReturnsTheLastStepAsIs() {
        Object separator = invoker.walk(new PackageRef("java.lang"), List.of("System", "lineSeparator"));
        assertEquals("method java.lang.System.lineSeparator", separator.toString());
        assertEquals("method java.util.ArrayList.add", invoker.walk(new Sample(), List.of("tags", "add")).toString());
        assertEquals(3, invoker.walk(new Sample(), List.of("size", "intValue")) instanceof MethodGroup g
                ? invoker.call(g, List.of()) : null);
    }

    @Test
    void typoInAMethodNameSuggestsTheClosestName() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(new ArrayList<>(), "sise"));
        assertEquals("java.util.ArrayList has no field or method 'sise'; did you mean 'size'?", e.getMessage());
        assertEquals("size", e.hint().substring("did you mean '".length(), e.hint().length() - 2));
    }

    @Test
    void nameFarFromEveryMemberGetsNoSuggestion() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(new ArrayList<>(), "frobnicate"));
        assertEquals("java.util.ArrayList has no field or method 'frobnicate'", e.getMessage());
    }

    @Test
    void walkingFromNullSaysSo() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.getAttribute(null, "size"));
        assertEquals("null has no field or method 'size'", e.getMessage());
    }

    @Test
    void typeStringsNameWhatAProxyPointsTo() {
        assertEquals("java.util.ArrayList", invoker.typeString(new ArrayList<>()));
        assertEquals("class java.util.ArrayList", invoker.typeString(ArrayList.class));
        assertEquals("package java.util", invoker.typeString(new PackageRef("java.util")));
        assertEquals("method java.util.ArrayList.add", invoker.typeString(invoker.getAttribute(new ArrayList<>(), "add")));
        assertEquals("method java.util.ArrayList.__len__",
                invoker.typeString(invoker.getAttribute(new ArrayList<>(), "__len__")));
        assertEquals("int[]", invoker.typeString(new int[0]));
        assertEquals("null", invoker.typeString(null));
    }

    @Test
    void remoteObjectsAreAskedForTheirAttributes() {
        Invoker withRemotes = new Invoker(InvokerOptions.builder().remoteObjects(new Fixtures.FakeRemotes()).build());
        Fixtures.FakeRemote remote = new Fixtures.FakeRemote("r", args -> null);
        assertEquals("r.size", withRemotes.getAttribute(remote, "size"));
    }
}

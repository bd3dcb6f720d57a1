package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.invoke.Fixtures.Both;
import org.pyacq.rpc.invoke.Fixtures.FakeRemote;
import org.pyacq.rpc.invoke.Fixtures.FakeRemotes;
import org.pyacq.rpc.invoke.Fixtures.Greeter;

class FunctionalCallTest {

    private final Invoker invoker = new Invoker();

    @Test
    void functionsAreCalledThroughTheirSingleAbstractMethod() {
        Function<String, Integer> length = String::length;
        assertEquals(3, invoker.call(length, List.of("abc")));
        BiFunction<Integer, Integer, Integer> plus = Integer::sum;
        assertEquals(5, invoker.call(plus, List.of(2, 3)));
        Supplier<String> supplier = () -> "supplied";
        assertEquals("supplied", invoker.call(supplier, List.of()));
        Predicate<Object> isNull = x -> x == null;
        assertEquals(true, invoker.call(isNull, java.util.Arrays.asList((Object) null)));
    }

    @Test
    void runnablesRunAndReturnNull() {
        AtomicInteger runs = new AtomicInteger();
        Runnable r = runs::incrementAndGet;
        assertNull(invoker.call(r, List.of()));
        assertEquals(1, runs.get());
    }

    @Test
    void customFunctionalInterfacesConvertTheirArguments() {
        Greeter greeter = (name, times) -> ("hi " + name + " ").repeat(times).trim();
        assertEquals("hi ann hi ann", invoker.call(greeter, List.of("ann", 2L)));
        assertTrue(invoker.isCallable(greeter));
    }

    @Test
    void objectsWithSeveralFunctionalInterfacesAreTriedOnAll() {
        class RunOrApply implements Runnable, Function<String, String> {
            @Override
            public void run() {
            }

            @Override
            public String apply(String s) {
                return s + "!";
            }
        }
        assertEquals("a!", invoker.call(new RunOrApply(), List.of("a")));
        assertNull(invoker.call(new RunOrApply(), List.of()));
        OverloadException e = assertThrows(OverloadException.class, () -> invoker.call(new Both(), List.of()));
        assertEquals("ambiguous call Fixtures.Both.call(): call() and run() fit equally well", e.getMessage());
    }

    @Test
    void checkedExceptionsOfTheCalledCodePassThroughUnchanged() {
        Callable<String> failing = () -> {
            throw new IOException("disk on fire");
        };
        IOException e = assertThrows(IOException.class, () -> invoker.call(failing, List.of()));
        assertEquals("disk on fire", e.getMessage());
    }

    @Test
    void functionWithWrongArgumentsNamesTheInterface() {
        Function<String, Integer> length = String::length;
        OverloadException e = assertThrows(OverloadException.class, () -> invoker.call(length, List.of("a", "b")));
        assertEquals("no overload of Function.apply fits (String, String); tried: apply(Object)", e.getMessage());
    }

    @Test
    void plainObjectsAreNotCallable() {
        NotCallableException e = assertThrows(NotCallableException.class, () -> invoker.call(5, List.of()));
        assertEquals("java.lang.Integer is not callable: it is not a class, a method or an instance of a "
                + "functional interface", e.getMessage());
        assertFalse(invoker.isCallable(5));
        assertFalse(invoker.isCallable(new java.util.ArrayList<>()), "Iterable is not meant to be called");
        assertFalse(invoker.isCallable(new PackageRef("java.util")));
        assertTrue(invoker.isCallable(java.util.Comparator.naturalOrder()), "Comparator is a @FunctionalInterface");
    }

    @Test
    void interfacesAbstractClassesAndUtilityClassesCannotBeConstructed() {
        assertEquals("cannot construct java.util.List: it is an interface",
                assertThrows(NotCallableException.class, () -> invoker.call(List.class, List.of())).getMessage());
        assertEquals("cannot construct java.util.AbstractList: it is abstract",
                assertThrows(NotCallableException.class, () -> invoker.call(java.util.AbstractList.class, List.of()))
                        .getMessage());
        assertEquals("cannot construct java.lang.Math: it has no public constructor",
                assertThrows(NotCallableException.class, () -> invoker.call(Math.class, List.of())).getMessage());
        assertFalse(invoker.isCallable(Math.class));
        assertTrue(invoker.isCallable(StringBuilder.class));
    }

    @Test
    void remoteObjectsAreCalledRemotely() {
        Invoker withRemotes = new Invoker(InvokerOptions.builder().remoteObjects(new FakeRemotes()).build());
        FakeRemote echo = new FakeRemote("echo", args -> "got " + args);
        assertEquals("got [1, x]", withRemotes.call(echo, List.of(1, "x")));
        assertTrue(withRemotes.isCallable(echo));
    }
}

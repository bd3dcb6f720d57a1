package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolutionCacheTest {

    private final Invoker invoker = new Invoker();

    @Test
    void repeatedCallsDoNotRescanTheClassOrRebuildThePlan() {
        List<Object> list = new ArrayList<>();
        call(invoker, list, "add", "first");
        int scans = invoker.classScans();
        int plans = invoker.callPlansBuilt();
        for (int i = 0; i < 100; i++) {
            call(invoker, list, "add", "item" + i);
            call(invoker, new ArrayList<>(), "add", "other list, same class");
        }
        assertEquals(scans, invoker.classScans());
        assertEquals(plans, invoker.callPlansBuilt());
        assertEquals(101, list.size());
    }

    @Test
    void choiceThatDoesNotDependOnValuesIsDecidedOnce() {
        MethodGroup add = (MethodGroup) invoker.getAttribute(new ArrayList<>(), "add");
        CallPlan plan = invoker.resolver().plan(add.overloads(), new Object[] {"x"});
        assertTrue(plan.isDecided());
        assertSame(plan, invoker.resolver().plan(add.overloads(), new Object[] {"y"}));
        assertSame(plan.choose(new Object[] {"x"}).invocable(), plan.choose(new Object[] {"y"}).invocable());
    }

    @Test
    void narrowingIsRecheckedForEachCallWithTheSamePlan() {
        List<Object> list = new ArrayList<>();
        call(invoker, list, "add", 0L, "a");
        int plans = invoker.callPlansBuilt();
        assertThrows(OverloadException.class, () -> call(invoker, list, "add", 1L << 40, "b"));
        call(invoker, list, "add", 1L, "c");
        assertEquals(plans, invoker.callPlansBuilt());
        MethodGroup add = (MethodGroup) invoker.getAttribute(list, "add");
        assertFalse(invoker.resolver().plan(add.overloads(), new Object[] {0L, "a"}).isDecided());
        assertEquals(List.of("a", "c"), list);
    }

    @Test
    void differentArgumentClassesGetTheirOwnPlan() {
        List<Object> list = new ArrayList<>();
        call(invoker, list, "add", "x");
        int plans = invoker.callPlansBuilt();
        call(invoker, list, "add", 1);
        assertEquals(plans + 1, invoker.callPlansBuilt());
    }

    @Test
    void exactSignaturesAndFunctionalMethodsAreCachedToo() {
        List<Object> list = new ArrayList<>(List.of("a", "b", "c"));
        call(invoker, list, "remove(int)", 0);
        int plans = invoker.callPlansBuilt();
        call(invoker, list, "remove(int)", 0);
        assertEquals(plans, invoker.callPlansBuilt());
        java.util.function.Function<String, String> f = String::trim;
        invoker.call(f, List.of(" a "));
        int scans = invoker.classScans();
        invoker.call(f, List.of(" b "));
        assertEquals(scans, invoker.classScans());
    }
}

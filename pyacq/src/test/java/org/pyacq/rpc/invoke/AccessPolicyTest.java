package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pyacq.rpc.invoke.Fixtures.call;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static Invoker invokerWith(AccessPolicy policy) {
        return new Invoker(InvokerOptions.builder().accessPolicy(policy).build());
    }

    @Test
    void prefixesMatchWholeNamesOnly() {
        assertTrue(PackageAccessPolicy.matches("java.lang.Class", "java.lang.Class"));
        assertTrue(PackageAccessPolicy.matches("java.lang.Class.forName", "java.lang.Class"));
        assertTrue(PackageAccessPolicy.matches("java.util.Map$Entry", "java.util.Map"));
        assertFalse(PackageAccessPolicy.matches("java.lang.ClassLoader", "java.lang.Class"));
    }

    @Test
    void denyWinsOverAllow() {
        PackageAccessPolicy policy = PackageAccessPolicy.builder().allow("java.lang").deny("java.lang.Runtime").build();
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> policy.checkClass(Runtime.class));
        assertEquals("java.lang.Runtime is not allowed by the server's access policy (denied by 'java.lang.Runtime')",
                e.getMessage());
        assertEquals("java.lang.Runtime", e.subject());
        assertDoesNotThrow(() -> policy.checkClass(String.class));
    }

    @Test
    void nonEmptyAllowListRefusesEverythingElse() {
        PackageAccessPolicy policy = PackageAccessPolicy.of(List.of("java.util"), List.of());
        assertDoesNotThrow(() -> policy.checkClass(ArrayList.class));
        assertDoesNotThrow(() -> policy.checkMember(ArrayList.class, "add"));
        assertDoesNotThrow(() -> policy.checkClass(int[].class));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> policy.checkClass(System.class));
        assertEquals("java.lang.System is not allowed by the server's access policy (not in the allowed packages)",
                e.getMessage());
        assertThrows(AccessDeniedException.class, () -> policy.checkClass(String[].class));
    }

    @Test
    void emptyAllowListAllowsAllThatIsNotDenied() {
        PackageAccessPolicy policy = PackageAccessPolicy.of(List.of(), List.of("java.lang.System.exit"));
        assertDoesNotThrow(() -> policy.checkClass(System.class));
        assertDoesNotThrow(() -> policy.checkMember(System.class, "currentTimeMillis"));
        assertThrows(AccessDeniedException.class, () -> policy.checkMember(System.class, "exit"));
        assertThrows(AccessDeniedException.class, () -> policy.checkMember(System.class, "exit(int)"));
    }

    @Test
    void invalidPrefixesAreRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackageAccessPolicy.builder().deny("java lang").build());
        assertEquals("the deny prefix 'java lang' is not a package, class or member name (write it like java.util "
                + "or java.lang.System.exit)", e.getMessage());
    }

    @Test
    void importsAndStaticMembersAreChecked() {
        Invoker invoker = invokerWith(PackageAccessPolicy.builder().deny("java.lang.Runtime", "java.lang.System.exit").build());
        assertThrows(AccessDeniedException.class, () -> invoker.importName("java.lang.Runtime"));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> invoker.importName("java.lang.System.exit"));
        assertEquals("java.lang.System.exit is not allowed by the server's access policy (denied by 'java.lang.System.exit')",
                e.getMessage());
        assertDoesNotThrow(() -> invoker.importName("java.lang.System.currentTimeMillis"));
    }

    @Test
    void everyWalkStepIsCheckedEvenForClassesReachedThroughReflection() {
        Invoker invoker = invokerWith(PackageAccessPolicy.builder().deny("java.lang.Runtime").build());
        Object runtimeClass = call(invoker, Class.class, "forName", "java.lang.Runtime");
        assertEquals(Runtime.class, runtimeClass);
        assertThrows(AccessDeniedException.class, () -> invoker.getAttribute(runtimeClass, "getRuntime"));
        assertThrows(AccessDeniedException.class, () -> invoker.getAttribute(Runtime.getRuntime(), "exec"));
        assertThrows(AccessDeniedException.class, () -> invoker.getAttribute(new PackageRef("java.lang"), "Runtime"));
    }

    @Test
    void constructorsAreCheckedAsTheMemberInit() {
        Invoker invoker = invokerWith(PackageAccessPolicy.builder().deny("java.lang.StringBuilder.<init>").build());
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> invoker.call(StringBuilder.class, List.of()));
        assertEquals("java.lang.StringBuilder.<init> is not allowed by the server's access policy "
                + "(denied by 'java.lang.StringBuilder.<init>')", e.getMessage());
        assertEquals("x", call(invoker, new StringBuilder(), "append", "x").toString());
    }

    @Test
    void specialNamesAreCheckedLikeMembers() {
        Invoker invoker = invokerWith(PackageAccessPolicy.builder().deny("java.util.ArrayList.__setitem__").build());
        assertEquals(0, call(invoker, new ArrayList<>(), "__len__"));
        assertThrows(AccessDeniedException.class, () -> invoker.getAttribute(new ArrayList<>(), "__setitem__"));
    }

    @Test
    void allowAllAllowsEverything() {
        assertDoesNotThrow(() -> AccessPolicy.ALLOW_ALL.checkClass(Runtime.class));
        assertDoesNotThrow(() -> AccessPolicy.ALLOW_ALL.checkMember(System.class, "exit"));
    }
}

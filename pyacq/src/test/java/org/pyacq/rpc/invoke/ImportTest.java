package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ImportTest {

    private final Invoker invoker = new Invoker();

    @Test
    void importOfAClassGivesTheClass() {
        assertSame(ArrayList.class, invoker.importName("java.util.ArrayList"));
    }

    @Test
    void nestedClassesImportWithDollarOrDot() {
        assertSame(Map.Entry.class, invoker.importName("java.util.Map$Entry"));
        assertSame(Map.Entry.class, invoker.importName("java.util.Map.Entry"));
        assertSame(Fixtures.Sample.Inner.class, invoker.importName("org.pyacq.rpc.invoke.Fixtures.Sample.Inner"));
    }

    @Test
    void importOfAPackageGivesAPackageRef() {
        assertEquals(new PackageRef("java.util.concurrent"), invoker.importName("java.util.concurrent"));
        assertEquals(new PackageRef("java"), invoker.importName("java"));
    }

    @Test
    void namesAfterAClassAreStaticMembers() {
        assertSame(System.out, invoker.importName("java.lang.System.out"));
        assertSame(TimeUnit.SECONDS, invoker.importName("java.util.concurrent.TimeUnit.SECONDS"));
        assertEquals("method java.lang.Math.max", invoker.importName("java.lang.Math.max").toString());
    }

    @Test
    void unknownNameSaysItIsNeitherClassNorPackage() {
        ImportNotFoundException e = assertThrows(ImportNotFoundException.class, () -> invoker.importName("java.utill"));
        assertEquals("no class or package named 'java.utill' (is the class on the server's class path?)", e.getMessage());
        assertEquals("java.utill", e.name());
    }

    @Test
    void unknownStaticMemberAfterAClassSuggestsTheClosest() {
        AttributeNotFoundException e = assertThrows(AttributeNotFoundException.class,
                () -> invoker.importName("java.lang.Math.sqr"));
        assertEquals("java.lang.Math has no static field, method or nested class 'sqr'; did you mean 'sqrt'?",
                e.getMessage());
    }

    @Test
    void malformedNameIsRefusedWithTheExpectedForm() {
        ArgumentException e = assertThrows(ArgumentException.class, () -> invoker.importName("java..util"));
        assertEquals("'java..util' is not a dotted name (write it like java.util.ArrayList)", e.getMessage());
    }
}

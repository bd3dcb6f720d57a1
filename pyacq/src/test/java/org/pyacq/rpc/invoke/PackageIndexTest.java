package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class PackageIndexTest {

    private final PackageIndex index = PackageIndex.of(PackageIndexTest.class.getClassLoader());

    @Test
    void knowsJdkPackagesAndTheirPrefixes() {
        assertTrue(index.isPackage("java.util"));
        assertTrue(index.isPackage("java"));
        assertFalse(index.isPackage("java.utill"));
        assertFalse(index.isPackage("java.util.ArrayList"));
    }

    @Test
    void listsPublicTopLevelClassesOfJdkPackages() {
        SortedSet<String> names = index.classNames("java.util");
        assertTrue(names.containsAll(java.util.List.of("ArrayList", "List", "Map", "Optional")));
        assertFalse(names.contains("ImmutableCollections"), "package-private classes are not listed");
        assertTrue(names.stream().noneMatch(n -> n.contains("$") || n.contains(".")), "nested classes are not listed");
    }

    @Test
    void listsSubPackages() {
        assertTrue(index.subPackages("java.util").containsAll(java.util.List.of("concurrent", "function", "stream")));
        assertTrue(index.subPackages("java").contains("lang"));
    }

    @Test
    void listsClassesFromClassPathDirectoriesAndJars() {
        SortedSet<String> wire = index.classNames("org.pyacq.wire");
        assertTrue(wire.contains("NdArray"));
        assertFalse(wire.contains("TaggedValues"), "package-private classes are not listed");
        assertTrue(index.isPackage("org.junit.jupiter.api"));
        assertTrue(index.classNames("org.junit.jupiter.api").contains("Test"));
    }

    @Test
    void isBuiltOnceAndOnlyWhenFirstAsked() {
        PackageIndex fresh = PackageIndex.of(PackageIndexTest.class.getClassLoader());
        assertEquals(0, fresh.builds());
        fresh.isPackage("java.util");
        fresh.subPackages("java");
        fresh.classNames("java.util");
        assertEquals(1, fresh.builds());
        assertTrue(fresh.toString().matches("PackageIndex\\[\\d+ packages]"));
    }
}

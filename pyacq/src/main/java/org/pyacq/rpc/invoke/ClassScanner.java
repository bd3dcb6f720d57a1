package org.pyacq.rpc.invoke;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a {@link ClassModel} by reflection: the one place where a class's members are scanned. */
final class ClassScanner {

    private ClassScanner() {
    }

    static ClassModel scan(Class<?> type) {
        String owner = TypeNames.simple(type);
        List<Class<?>> supertypes = Accessibility.supertypes(type);

        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Method m : type.getMethods()) {
            Method usable = Accessibility.usableVersion(m, supertypes);
            if (usable != null) {
                bySignature.merge(m.getName() + Arrays.toString(m.getParameterTypes()), usable, ClassScanner::preferred);
            }
        }
        List<Method> methods = withoutErasureBridges(bySignature.values());
        Map<String, List<Invocable>> instanceGroups = new HashMap<>();
        Map<String, List<Invocable>> staticGroups = new HashMap<>();
        for (Method m : methods) {
            Map<String, List<Invocable>> groups = Modifier.isStatic(m.getModifiers()) ? staticGroups : instanceGroups;
            groups.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(Invocable.of(m));
        }

        Map<String, Field> instanceFields = new HashMap<>();
        Map<String, Field> staticFields = new HashMap<>();
        for (Field f : type.getFields()) {
            if (Accessibility.isAccessible(f.getDeclaringClass())) {
                Map<String, Field> fields = Modifier.isStatic(f.getModifiers()) ? staticFields : instanceFields;
                fields.merge(f.getName(), f, (a, b) -> derivedFirst(a.getDeclaringClass(), b.getDeclaringClass()) ? a : b);
            }
        }

        Map<String, Class<?>> nested = new HashMap<>();
        for (Class<?> n : type.getClasses()) {
            if (Accessibility.isAccessible(n)) {
                nested.merge(n.getSimpleName(), n, (a, b) -> derivedFirst(a.getDeclaringClass(), b.getDeclaringClass()) ? a : b);
            }
        }

        return new ClassModel(type, instanceFields, staticFields, groups(owner, instanceGroups),
                groups(owner, staticGroups), nested, constructors(type, owner));
    }

    /**
     * Drops bridges that only erase a generic method ({@code compareTo(Object)} next to
     * {@code compareTo(String)}): the real method takes every valid call, and a wrong argument then
     * gets "no overload fits" instead of a ClassCastException. Visibility bridges, which have no
     * such twin, stay.
     */
    private static List<Method> withoutErasureBridges(Collection<Method> methods) {
        List<Method> kept = new ArrayList<>();
        for (Method m : methods) {
            boolean erasure = m.isBridge() && methods.stream().anyMatch(o -> !o.isBridge()
                    && o.getName().equals(m.getName()) && o.getParameterCount() == m.getParameterCount()
                    && Modifier.isStatic(o.getModifiers()) == Modifier.isStatic(m.getModifiers())
                    && parametersNarrower(o.getParameterTypes(), m.getParameterTypes()));
            if (!erasure) {
                kept.add(m);
            }
        }
        return kept;
    }

    private static boolean parametersNarrower(Class<?>[] narrow, Class<?>[] wide) {
        for (int i = 0; i < narrow.length; i++) {
            if (!wide[i].isAssignableFrom(narrow[i])) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Overloads> groups(String owner, Map<String, List<Invocable>> byName) {
        Map<String, Overloads> groups = new HashMap<>();
        byName.forEach((name, invocables) -> groups.put(name, new Overloads(owner, name, invocables)));
        return groups;
    }

    private static Overloads constructors(Class<?> type, String owner) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || Modifier.isAbstract(type.getModifiers())
                || !Accessibility.isAccessible(type)) {
            return null;
        }
        List<Invocable> invocables = new ArrayList<>();
        for (Constructor<?> c : type.getConstructors()) {
            invocables.add(Invocable.of(c));
        }
        return invocables.isEmpty() ? null : new Overloads(owner, Overloads.CONSTRUCTOR, invocables);
    }

    /** Of two methods with one signature: a real method over a bridge, the narrower return type, the subclass's. */
    private static Method preferred(Method a, Method b) {
        if (a.isBridge() != b.isBridge()) {
            return a.isBridge() ? b : a;
        }
        if (a.getReturnType() != b.getReturnType()) {
            return a.getReturnType().isAssignableFrom(b.getReturnType()) ? b : a;
        }
        return derivedFirst(a.getDeclaringClass(), b.getDeclaringClass()) ? a : b;
    }

    private static boolean derivedFirst(Class<?> a, Class<?> b) {
        return b.isAssignableFrom(a);
    }
}

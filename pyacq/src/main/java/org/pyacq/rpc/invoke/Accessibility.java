package org.pyacq.rpc.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which reflective members the invoker can use without {@code setAccessible}: those declared in
 * public classes of packages exported to it. A public method declared in a hidden or non-public
 * class (a lambda, {@code ImmutableCollections$ListN}) is reached through the same method of a
 * public supertype ({@code List.size}), which dispatches to the same code.
 */
final class Accessibility {

    private static final Module INVOKER_MODULE = Accessibility.class.getModule();

    private Accessibility() {
    }

    /** True if the class (or an array's element class) is public, not hidden, and its package is exported to us. */
    static boolean isAccessible(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        if (c.isHidden() || !Modifier.isPublic(c.getModifiers())) {
            return false;
        }
        return c.getModule().isExported(c.getPackageName(), INVOKER_MODULE);
    }

    /** The class and all its supertypes, nearest first: superclasses before interfaces. */
    static List<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) {
                continue;
            }
            if (c.getSuperclass() != null) {
                queue.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                queue.add(i);
            }
        }
        return List.copyOf(seen);
    }

    /**
     * A version of public method {@code m} that we may invoke: {@code m} itself if its declaring
     * class is accessible, else the same signature found in an accessible supertype, else null.
     */
    static Method usableVersion(Method m, List<Class<?>> supertypes) {
        if (isAccessible(m.getDeclaringClass())) {
            return m;
        }
        if (Modifier.isStatic(m.getModifiers())) {
            return null;
        }
        for (Class<?> s : supertypes) {
            if (!isAccessible(s)) {
                continue;
            }
            try {
                Method candidate = s.getMethod(m.getName(), m.getParameterTypes());
                if (isAccessible(candidate.getDeclaringClass()) && !Modifier.isStatic(candidate.getModifiers())) {
                    return candidate;
                }
            } catch (NoSuchMethodException notInThisType) {
                // try the next supertype
            }
        }
        return null;
    }
}

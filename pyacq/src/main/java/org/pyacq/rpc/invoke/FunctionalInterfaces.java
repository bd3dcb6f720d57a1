package org.pyacq.rpc.invoke;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what calling an object means when it is neither a class nor a method: the single abstract
 * method of each functional interface it implements. An interface with one abstract method counts
 * when it is annotated {@code @FunctionalInterface} ({@code Runnable}, {@code Callable},
 * {@code java.util.function.*}, {@code Comparator}), when it is not a JDK interface (any
 * application interface), or when the object is a lambda. JDK capability interfaces that merely
 * happen to have one abstract method ({@code Comparable}, {@code Iterable}, {@code AutoCloseable})
 * do not make every list or number callable.
 */
final class FunctionalInterfaces {

    private FunctionalInterfaces() {
    }

    /** The single abstract methods of all accessible functional interfaces {@code type} implements, or null. */
    static Overloads overloads(Class<?> type) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        boolean lambda = type.isHidden() || type.isSynthetic();
        for (Class<?> s : Accessibility.supertypes(type)) {
            if (s.isInterface() && Accessibility.isAccessible(s) && (lambda || meantToBeCalled(s))) {
                Method sam = singleAbstractMethod(s);
                if (sam != null) {
                    bySignature.putIfAbsent(sam.getName() + Arrays.toString(sam.getParameterTypes()), sam);
                }
            }
        }
        if (bySignature.isEmpty()) {
            return null;
        }
        List<Method> sams = new ArrayList<>(bySignature.values());
        String owner = sams.size() == 1 ? TypeNames.simple(sams.get(0).getDeclaringClass()) : TypeNames.simple(type);
        String name = sams.stream().map(Method::getName).distinct().count() == 1 ? sams.get(0).getName() : "call";
        return new Overloads(owner, name, sams.stream().map(Invocable::of).toList());
    }

    private static boolean meantToBeCalled(Class<?> iface) {
        ClassLoader loader = iface.getClassLoader();
        boolean jdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
        return !jdk || iface.isAnnotationPresent(FunctionalInterface.class);
    }

    /**
     * The one abstract method of an interface, not counting public methods of {@code Object}; when
     * a sub-interface redeclares an inherited method with narrower generic types, the redeclaration.
     * Null if the interface has none or several.
     */
    static Method singleAbstractMethod(Class<?> iface) {
        Method found = null;
        for (Method m : iface.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isPublicObjectMethod(m)) {
                continue;
            }
            if (found == null) {
                found = m;
            } else if (found.getName().equals(m.getName()) && found.getParameterCount() == m.getParameterCount()) {
                if (found.getDeclaringClass().isAssignableFrom(m.getDeclaringClass())) {
                    found = m;
                } else if (!m.getDeclaringClass().isAssignableFrom(found.getDeclaringClass())) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return found;
    }

    private static boolean isPublicObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

package org.pyacq.rpc.invoke;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

/**
 * Conversions that copy containers: lists and arrays into arrays of another element type
 * (element by element, all must fit; nested for {@code double[][]}), into other collection types;
 * maps into other map types; primitive arrays into {@link NdArray} and back.
 */
final class ContainerConversions {

    private final Conversions conversions;

    ContainerConversions(Conversions conversions) {
        this.conversions = conversions;
    }

    Conversion find(Class<?> argClass, Class<?> param) {
        if (param.isArray()) {
            if (argClass == NdArray.class) {
                return fromNdArray(param);
            }
            if (Collection.class.isAssignableFrom(argClass) || argClass.isArray()) {
                Class<?> component = param.getComponentType();
                return Conversion.checked(v -> toArray(v, component), v -> Conversion.COPY + elementCost(v, component));
            }
            return null;
        }
        if (param == NdArray.class) {
            return hasNaturalDType(argClass) ? Conversion.always(Conversion.COPY, v -> NdArray.of(v)) : null;
        }
        if (param == Iterable.class || Collection.class.isAssignableFrom(param)) {
            return Collection.class.isAssignableFrom(argClass) || argClass.isArray() ? toCollection(param) : null;
        }
        if (Map.class.isAssignableFrom(param) && Map.class.isAssignableFrom(argClass)) {
            return toMap(param);
        }
        return null;
    }

    private Object toArray(Object source, Class<?> component) {
        Object[] elements = elements(source);
        Object result = Array.newInstance(component, elements.length);
        Class<?> lastClass = null;
        Conversion last = null;
        for (int i = 0; i < elements.length; i++) {
            Object e = elements[i];
            Class<?> c = e == null ? null : e.getClass();
            if (last == null || c != lastClass || e == null) {
                last = conversions.find(e, component);
                lastClass = c;
                if (last == null) {
                    return Conversion.NO_FIT;
                }
            }
            Object converted = last.apply(e);
            if (converted == Conversion.NO_FIT) {
                return Conversion.NO_FIT;
            }
            Array.set(result, i, converted);
        }
        return result;
    }

    /** The dearest element conversion, so that [1, 2] prefers int[] to double[] and String[] to Object[]. */
    private int elementCost(Object source, Class<?> component) {
        int max = 0;
        Class<?> lastClass = null;
        for (Object e : elements(source)) {
            Class<?> c = e == null ? null : e.getClass();
            if (c == lastClass && e != null) {
                continue;
            }
            lastClass = c;
            Conversion conv = conversions.find(e, component);
            max = Math.max(max, conv == null ? Conversion.COPY : conv.costFor(e));
        }
        return max;
    }

    private static Object[] elements(Object source) {
        if (source instanceof Collection<?> c) {
            return c.toArray();
        }
        int n = Array.getLength(source);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = Array.get(source, i);
        }
        return out;
    }

    /** NdArray to its storage array ({@code double[]} for 1-D float64) or a nested array of the same depth. */
    private static Conversion fromNdArray(Class<?> param) {
        int depth = 0;
        Class<?> leaf = param;
        while (leaf.isArray() && leaf.getComponentType().isArray()) {
            depth++;
            leaf = leaf.getComponentType();
        }
        int dims = depth + 1;
        Class<?> leafArray = leaf;
        if (!leafArray.getComponentType().isPrimitive()) {
            return null;
        }
        return Conversion.checked(Conversion.COPY, v -> {
            NdArray nd = (NdArray) v;
            DType dtype = nd.dtype();
            if (dtype.isComplex() || dtype.storage() != leafArray || DType.forPrimitiveArray(leafArray) != dtype
                    || nd.ndim() != dims) {
                return Conversion.NO_FIT;
            }
            return dims == 1 ? nd.data() : nd.toNested();
        });
    }

    private static boolean hasNaturalDType(Class<?> type) {
        if (!type.isArray() || !type.getComponentType().isPrimitive()) {
            return false;
        }
        try {
            DType.forPrimitiveArray(type);
            return true;
        } catch (IllegalArgumentException noDType) {
            return false;
        }
    }

    private static Conversion toCollection(Class<?> param) {
        Supplier<Collection<Object>> factory;
        boolean mayRefuse = false;
        if (param.isAssignableFrom(ArrayList.class)) {
            factory = ArrayList::new;
        } else if (param.isAssignableFrom(LinkedHashSet.class)) {
            factory = LinkedHashSet::new;
        } else if (param.isAssignableFrom(TreeSet.class)) {
            factory = TreeSet::new;
            mayRefuse = true;
        } else if (param.isAssignableFrom(ArrayDeque.class)) {
            factory = ArrayDeque::new;
        } else {
            factory = noArgumentFactory(param);
            mayRefuse = true;
            if (factory == null) {
                return null;
            }
        }
        Supplier<Collection<Object>> make = factory;
        return mayRefuse
                ? Conversion.checked(Conversion.COPY, v -> fill(make, v))
                : Conversion.always(Conversion.COPY, v -> fill(make, v));
    }

    private static Object fill(Supplier<Collection<Object>> factory, Object source) {
        try {
            Collection<Object> out = factory.get();
            for (Object e : elements(source)) {
                out.add(e);
            }
            return out;
        } catch (ClassCastException | IllegalArgumentException | NullPointerException refused) {
            return Conversion.NO_FIT;
        }
    }

    private static Conversion toMap(Class<?> param) {
        Supplier<Map<Object, Object>> factory;
        if (param.isAssignableFrom(LinkedHashMap.class)) {
            return Conversion.always(Conversion.COPY, v -> new LinkedHashMap<Object, Object>((Map<?, ?>) v));
        } else if (param.isAssignableFrom(TreeMap.class)) {
            factory = TreeMap::new;
        } else if (param.isAssignableFrom(ConcurrentHashMap.class)) {
            factory = ConcurrentHashMap::new;
        } else if (param.isAssignableFrom(ConcurrentSkipListMap.class)) {
            factory = ConcurrentSkipListMap::new;
        } else {
            factory = noArgumentFactory(param);
            if (factory == null) {
                return null;
            }
        }
        Supplier<Map<Object, Object>> make = factory;
        return Conversion.checked(Conversion.COPY, v -> {
            try {
                Map<Object, Object> out = make.get();
                out.putAll((Map<?, ?>) v);
                return out;
            } catch (ClassCastException | IllegalArgumentException | NullPointerException refused) {
                return Conversion.NO_FIT;
            }
        });
    }

    /** A factory calling the public no-argument constructor of a concrete class, or null. */
    @SuppressWarnings("unchecked")
    private static <T> Supplier<T> noArgumentFactory(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Accessibility.isAccessible(type)) {
            return null;
        }
        try {
            Constructor<?> c = type.getConstructor();
            return () -> {
                try {
                    return (T) c.newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalArgumentException("cannot create " + type.getName(), e);
                }
            };
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}

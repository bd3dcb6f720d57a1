package org.pyacq.rpc;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Converts a decoded result to the Java type a caller asked for (typed views, {@code invoke(Class, ...)}). */
final class ResultConversion {
    private ResultConversion() {
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(Object value, Class<T> type) {
        return (T) convertTo(value, type);
    }

    static Object convertTo(Object value, Class<?> type) {
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (value == null) {
            if (type.isPrimitive()) {
                throw new ProtocolException("the remote call returned null where " + type.getName() + " is expected");
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number n) {
            if (boxed == Integer.class) {
                return n.intValue();
            } else if (boxed == Long.class) {
                return n.longValue();
            } else if (boxed == Double.class) {
                return n.doubleValue();
            } else if (boxed == Float.class) {
                return n.floatValue();
            } else if (boxed == Short.class) {
                return n.shortValue();
            } else if (boxed == Byte.class) {
                return n.byteValue();
            }
        }
        if (boxed == Character.class && value instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        if (value instanceof ObjectProxy p && type.isInterface()) {
            return p.as(type);
        }
        if (value instanceof List<?> list) {
            if (type.isArray()) {
                Object array = Array.newInstance(type.getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) {
                    Array.set(array, i, convertTo(list.get(i), type.getComponentType()));
                }
                return array;
            }
            if (type.isAssignableFrom(LinkedHashSet.class) && Set.class.isAssignableFrom(type)) {
                return new LinkedHashSet<>(list);
            }
            if (Collection.class.isAssignableFrom(type) && type.isInterface()) {
                return list;
            }
        }
        throw new ProtocolException("the remote call returned " + value.getClass().getSimpleName() + " (" + value
                + ") where " + type.getName() + " is expected");
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        } else if (c == long.class) {
            return Long.class;
        } else if (c == double.class) {
            return Double.class;
        } else if (c == boolean.class) {
            return Boolean.class;
        } else if (c == float.class) {
            return Float.class;
        } else if (c == short.class) {
            return Short.class;
        } else if (c == byte.class) {
            return Byte.class;
        } else if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}

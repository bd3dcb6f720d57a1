package org.pyacq.rpc.invoke;

import java.util.ArrayList;
import java.util.List;

/** Short, readable type names for messages and signatures: {@code ArrayList}, {@code Map.Entry}, {@code int[]}. */
final class TypeNames {

    private TypeNames() {
    }

    /** The simple name, with outer classes for nested ones and {@code []} for arrays. */
    static String simple(Class<?> type) {
        if (type.isArray()) {
            return simple(type.getComponentType()) + "[]";
        }
        if (type.isHidden()) {
            // lambdas: Foo$$Lambda$14/0x... says nothing useful; name what it implements
            Class<?>[] interfaces = type.getInterfaces();
            return interfaces.length > 0 ? simple(interfaces[0]) + " lambda" : "lambda";
        }
        String simple = type.getSimpleName();
        if (simple.isEmpty()) {
            String name = type.getName();
            return name.substring(name.lastIndexOf('.') + 1);
        }
        Class<?> outer = type.getDeclaringClass();
        return outer == null ? simple : simple(outer) + "." + simple;
    }

    /** The simple type name of a value, {@code null} for null. */
    static String ofValue(Object value) {
        return value == null ? "null" : simple(value.getClass());
    }

    /** Simple type names of values, for "fits (Long, String)" in messages. */
    static List<String> ofValues(Object[] values) {
        List<String> names = new ArrayList<>(values.length);
        for (Object v : values) {
            names.add(ofValue(v));
        }
        return names;
    }

    /** The full name as Java source writes it: {@code java.util.Map$Entry}, {@code int[]}. */
    static String full(Class<?> type) {
        return type.getTypeName();
    }

    /** {@code int, Object} or, for a varargs method, {@code String, Object...}. */
    static String parameterList(Class<?>[] parameterTypes, boolean varArgs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parameterTypes.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (varArgs && i == parameterTypes.length - 1) {
                sb.append(simple(parameterTypes[i].getComponentType())).append("...");
            } else {
                sb.append(simple(parameterTypes[i]));
            }
        }
        return sb.toString();
    }

    /** The boxed class for a primitive type, the type itself otherwise. */
    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        } else if (type == long.class) {
            return Long.class;
        } else if (type == double.class) {
            return Double.class;
        } else if (type == boolean.class) {
            return Boolean.class;
        } else if (type == float.class) {
            return Float.class;
        } else if (type == short.class) {
            return Short.class;
        } else if (type == byte.class) {
            return Byte.class;
        } else if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}

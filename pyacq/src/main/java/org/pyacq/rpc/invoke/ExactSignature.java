package org.pyacq.rpc.invoke;

import java.util.ArrayList;
import java.util.List;

/**
 * An attribute name that selects one overload, such as {@code remove(int)},
 * {@code add(int,java.lang.Object)} or {@code <init>(String)}. A parameter type is written as its
 * full name ({@code java.util.Map$Entry} or {@code java.util.Map.Entry}), its simple name
 * ({@code Object}, {@code Entry}, {@code Map.Entry}) or a primitive; arrays with {@code []},
 * varargs with {@code ...}. Types are compared by name, so no class is loaded.
 *
 * @param name           method name, or {@code <init>} for a constructor
 * @param parameterTypes the type names as written, {@code ...} turned into {@code []}
 */
record ExactSignature(String name, List<String> parameterTypes) {

    ExactSignature {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** True for names shaped like {@code name(types)}. */
    static boolean isSignature(String text) {
        int open = text.indexOf('(');
        return open > 0 && text.endsWith(")");
    }

    /** @throws ArgumentException if the text is not {@code name(type, ...)} */
    static ExactSignature parse(String text) {
        int open = text.indexOf('(');
        if (open <= 0 || !text.endsWith(")") || text.indexOf('(', open + 1) >= 0) {
            throw new ArgumentException("'" + text + "' is not a method signature (write it like add(int, Object))");
        }
        String inside = text.substring(open + 1, text.length() - 1).trim();
        List<String> types = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String part : inside.split(",", -1)) {
                String t = part.trim().replace("...", "[]").replaceAll("\\s+", "");
                if (t.isEmpty()) {
                    throw new ArgumentException("'" + text + "' has an empty parameter type (write it like add(int, Object))");
                }
                types.add(t);
            }
        }
        return new ExactSignature(text.substring(0, open).trim(), types);
    }

    boolean accepts(Invocable invocable) {
        Class<?>[] params = invocable.parameterTypes();
        if (params.length != parameterTypes.size()) {
            return false;
        }
        for (int i = 0; i < params.length; i++) {
            if (!names(parameterTypes.get(i), params[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean names(String written, Class<?> type) {
        return written.equals(type.getTypeName()) || written.equals(type.getCanonicalName())
                || written.equals(type.getSimpleName()) || written.equals(TypeNames.simple(type));
    }
}

package org.pyacq.rpc.invoke;

/** The "is at least as specific as" order of parameter types used to break ties between overloads. */
final class TypeOrder {

    private static final Class<?>[] WIDENING = {byte.class, short.class, int.class, long.class, float.class, double.class};

    private TypeOrder() {
    }

    /** True if a value of type {@code from} may be passed where {@code to} is expected (javac's subtyping, with boxing). */
    static boolean isAssignable(Class<?> from, Class<?> to) {
        if (from == to) {
            return true;
        }
        if (from.isPrimitive() && to.isPrimitive()) {
            if (from == char.class) {
                return rank(to) >= rank(int.class);
            }
            return rank(from) >= 0 && rank(to) > rank(from);
        }
        if (from.isPrimitive()) {
            return to.isAssignableFrom(TypeNames.box(from));
        }
        return !to.isPrimitive() && to.isAssignableFrom(from);
    }

    private static int rank(Class<?> primitive) {
        for (int i = 0; i < WIDENING.length; i++) {
            if (WIDENING[i] == primitive) {
                return i;
            }
        }
        return -1;
    }
}

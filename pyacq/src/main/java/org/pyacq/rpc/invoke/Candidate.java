package org.pyacq.rpc.invoke;

import java.lang.reflect.Array;

/**
 * One overload made applicable to one call shape (argument classes): a conversion per argument,
 * either in fixed-arity form or in variable-arity form (trailing arguments packed into the
 * varargs array).
 */
final class Candidate {

    private final Invocable invocable;
    private final Conversion[] conversions;
    private final boolean variableArity;
    private final int staticCost;
    private final boolean checksValues;
    private final boolean passesValuesUnchanged;

    Candidate(Invocable invocable, Conversion[] conversions, boolean variableArity) {
        this.invocable = invocable;
        this.conversions = conversions;
        this.variableArity = variableArity;
        int cost = 0;
        boolean checks = false;
        boolean unchanged = !variableArity;
        for (Conversion c : conversions) {
            cost += c.cost();
            checks |= c.checksValue();
            unchanged &= c.isIdentity();
        }
        this.staticCost = cost;
        this.checksValues = checks;
        this.passesValuesUnchanged = unchanged;
    }

    Invocable invocable() {
        return invocable;
    }

    boolean variableArity() {
        return variableArity;
    }

    /** True when whether it fits, or its cost, depends on argument values and not only their classes. */
    boolean checksValues() {
        return checksValues;
    }

    /** The cost known from argument classes alone. */
    int staticCost() {
        return staticCost;
    }

    /** The cost for these values (which must fit). */
    int cost(Object[] values) {
        if (!checksValues) {
            return staticCost;
        }
        int cost = 0;
        for (int i = 0; i < conversions.length; i++) {
            cost += conversions[i].costFor(values[i]);
        }
        return cost;
    }

    /** The parameter type that argument {@code i} is converted to (the varargs element type past the fixed ones). */
    Class<?> typeAt(int i) {
        Class<?>[] params = invocable.parameterTypes();
        if (variableArity && i >= params.length - 1) {
            return params[params.length - 1].getComponentType();
        }
        return params[i];
    }

    /** The arguments to pass to reflection, or null when a value does not fit. */
    Object[] convert(Object[] values) {
        if (passesValuesUnchanged) {
            return values;
        }
        Object[] converted = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object c = conversions[i].apply(values[i]);
            if (c == Conversion.NO_FIT) {
                return null;
            }
            converted[i] = c;
        }
        if (!variableArity) {
            return converted;
        }
        int fixed = invocable.arity() - 1;
        Object[] args = new Object[invocable.arity()];
        System.arraycopy(converted, 0, args, 0, fixed);
        Object rest = Array.newInstance(typeAt(fixed), values.length - fixed);
        for (int j = 0; j < values.length - fixed; j++) {
            Array.set(rest, j, converted[fixed + j]);
        }
        args[fixed] = rest;
        return args;
    }

    @Override
    public String toString() {
        return invocable.signature() + (variableArity ? " (varargs)" : "") + " cost " + staticCost;
    }
}

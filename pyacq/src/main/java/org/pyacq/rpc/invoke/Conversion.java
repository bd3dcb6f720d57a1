package org.pyacq.rpc.invoke;

import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * How an argument of one runtime class becomes a value of one parameter type, and what that costs.
 * Overload resolution sums the costs of a candidate's conversions and picks the cheapest.
 *
 * @param cost        the cost when the value fits; lower is better
 * @param checksValue true when whether the value fits (or its cost) depends on the value itself,
 *                    not only its class: narrowing {@code Long} to {@code int}, a list to {@code int[]}
 * @param function    the conversion; returns {@link #NO_FIT} when the value does not fit
 * @param valueCost   the cost for one value, or null to use {@code cost}
 */
record Conversion(int cost, boolean checksValue, UnaryOperator<Object> function, ToIntFunction<Object> valueCost) {

    /** Returned by {@link #apply} for a value the conversion cannot take (e.g. a Long beyond int range). */
    static final Object NO_FIT = new Object() {
        @Override
        public String toString() {
            return "NO_FIT";
        }
    };

    /** The argument's class is the parameter type. */
    static final int EXACT = 0;
    /** A subclass of the parameter type; {@code null} for a reference type. */
    static final int SUBTYPE = 1;
    /** A box for its primitive: {@code Integer} for {@code int}. */
    static final int UNBOX = 2;
    /** Base of numeric widening; the rank distance is added ({@code Integer}→{@code long} costs 3). */
    static final int WIDEN = 2;
    /** A one-character string for a {@code char}, a name for an enum constant. */
    static final int TEXT = 4;
    /** Base of narrowing that must fit the value ({@code Long} 5 → {@code int}). */
    static final int NARROW = 10;
    /** Copying into another container: a list into an array or set, an array into an NdArray. */
    static final int COPY = 12;

    private static final Conversion[] IDENTITY = {
        new Conversion(EXACT, false, UnaryOperator.identity(), null),
        new Conversion(SUBTYPE, false, UnaryOperator.identity(), null),
        new Conversion(UNBOX, false, UnaryOperator.identity(), null),
    };

    /** Passes the value unchanged; {@code cost} is {@link #EXACT}, {@link #SUBTYPE} or {@link #UNBOX}. */
    static Conversion identity(int cost) {
        return IDENTITY[cost];
    }

    /** A conversion that takes every value of the argument class. */
    static Conversion always(int cost, UnaryOperator<Object> function) {
        return new Conversion(cost, false, function, null);
    }

    /** A conversion that may answer {@link #NO_FIT} for some values. */
    static Conversion checked(int cost, UnaryOperator<Object> function) {
        return new Conversion(cost, true, function, null);
    }

    /** A conversion whose fit and cost depend on the value (containers: the cost of their elements). */
    static Conversion checked(UnaryOperator<Object> function, ToIntFunction<Object> valueCost) {
        return new Conversion(COPY, true, function, valueCost);
    }

    /** True for the conversions that pass the value unchanged. */
    boolean isIdentity() {
        return this == IDENTITY[0] || this == IDENTITY[1] || this == IDENTITY[2];
    }

    /** The converted value, or {@link #NO_FIT}. */
    Object apply(Object value) {
        return function.apply(value);
    }

    /** The cost of converting this value (which must fit). */
    int costFor(Object value) {
        return valueCost == null ? cost : valueCost.applyAsInt(value);
    }
}

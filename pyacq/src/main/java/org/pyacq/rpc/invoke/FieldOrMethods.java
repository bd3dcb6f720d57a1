package org.pyacq.rpc.invoke;

import java.lang.reflect.Field;
import java.util.Objects;

/**
 * What an attribute walk gives when a class has both a public field and methods of the same name
 * (Java allows it; Python attributes cannot be both). It stands for the field's value when used
 * as a value ({@link Invoker#valueOf}, a further walk step, a by-value result) and for the methods
 * when called ({@link Invoker#call}), so {@code obj.size} reads the field and {@code obj.size()}
 * still calls the method.
 */
public final class FieldOrMethods {

    private final Field field;
    private final Object value;
    private final MethodGroup methods;

    FieldOrMethods(Field field, Object value, MethodGroup methods) {
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.methods = Objects.requireNonNull(methods, "methods");
    }

    /** The field. */
    public Field field() {
        return field;
    }

    /** The field's value when it was walked. */
    public Object value() {
        return value;
    }

    /** The methods of the same name, bound to the same target. */
    public MethodGroup methods() {
        return methods;
    }

    @Override
    public String toString() {
        return "field " + field.getDeclaringClass().getTypeName() + "." + field.getName() + " = " + value
                + " (also " + methods + ")";
    }
}

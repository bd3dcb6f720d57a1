package org.pyacq.rpc.invoke;

import java.util.Objects;

/**
 * A Python special name bound to a target, such as {@code __len__} of a list: what an attribute
 * walk gives for a special name that applies to the target. {@link Invoker#call} runs it.
 */
public final class SpecialMethod {

    private final Object target;
    private final String name;

    SpecialMethod(Object target, String name) {
        this.target = target;
        this.name = Objects.requireNonNull(name, "name");
    }

    public Object target() {
        return target;
    }

    /** The special name, e.g. {@code __getitem__}. */
    public String name() {
        return name;
    }

    /** {@code method java.util.ArrayList.__len__}. */
    @Override
    public String toString() {
        String owner = target instanceof Class<?> c ? c.getTypeName()
                : target instanceof PackageRef p ? p.name() : target.getClass().getTypeName();
        return "method " + owner + "." + name;
    }
}

package org.pyacq.rpc.invoke;

import java.lang.reflect.Executable;
import java.util.List;
import java.util.Objects;

/**
 * The methods of a class that share a name, bound to a target (null for static methods and
 * constructors): what an attribute walk gives for a method name. Calling it with
 * {@link Invoker#call} picks the overload from the runtime argument values.
 *
 * <pre>{@code
 * MethodGroup add = (MethodGroup) invoker.getAttribute(list, "add");   // method java.util.ArrayList.add
 * invoker.call(add, List.of(0, "first"));                             // picks add(int, Object)
 * }</pre>
 */
public final class MethodGroup {

    private final Object target;
    private final Class<?> owner;
    private final Overloads overloads;

    MethodGroup(Object target, Class<?> owner, Overloads overloads) {
        this.target = target;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.overloads = Objects.requireNonNull(overloads, "overloads");
    }

    /** The instance the methods are called on; null for static methods and constructors. */
    public Object target() {
        return target;
    }

    /** The class the methods were looked up in (the target's runtime class, or the class itself for statics). */
    public Class<?> owner() {
        return owner;
    }

    /** The method name, {@code <init>} for constructors. */
    public String name() {
        return overloads.name();
    }

    public boolean isStatic() {
        return target == null;
    }

    public boolean isConstructor() {
        return overloads.isConstructor();
    }

    /** The candidate methods or constructors, fewest parameters first. */
    public List<Executable> executables() {
        return overloads.candidates().stream().map(Invocable::executable).toList();
    }

    /** The candidates as text: {@code add(int, Object) -> boolean}. */
    public List<String> signatures() {
        return overloads.candidates().stream().map(Invocable::signatureWithResult).toList();
    }

    Overloads overloads() {
        return overloads;
    }

    /** {@code method java.util.ArrayList.add}, or {@code constructor java.lang.StringBuilder}. */
    @Override
    public String toString() {
        return isConstructor() ? "constructor " + owner.getTypeName() : "method " + owner.getTypeName() + "." + name();
    }
}

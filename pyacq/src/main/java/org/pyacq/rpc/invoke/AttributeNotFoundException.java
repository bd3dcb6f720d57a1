package org.pyacq.rpc.invoke;

import java.util.Objects;

/**
 * An attribute walk step named something the target does not have, e.g.
 * {@code java.util.ArrayList has no field or method 'sise'; did you mean 'size'?}.
 */
public class AttributeNotFoundException extends InvokeException {
    private static final long serialVersionUID = 1L;

    private final String owner;
    private final String name;
    private final String hint;

    /**
     * @param owner what was searched, e.g. {@code java.util.ArrayList} or {@code package java.util}
     * @param kind  what was looked for, e.g. {@code field or method}
     * @param name  the name that was not found
     * @param hint  advice appended after a semicolon (e.g. {@code did you mean 'size'?}), or null
     */
    public AttributeNotFoundException(String owner, String kind, String name, String hint) {
        super(owner + " has no " + kind + " '" + name + "'" + (hint == null ? "" : "; " + hint));
        this.owner = Objects.requireNonNull(owner, "owner");
        this.name = Objects.requireNonNull(name, "name");
        this.hint = hint;
    }

    /** What was searched, e.g. {@code java.util.ArrayList}. */
    public String owner() {
        return owner;
    }

    /** The name that was not found. */
    public String name() {
        return name;
    }

    /** The advice given (a suggestion or the overloads that exist), or null. */
    public String hint() {
        return hint;
    }
}

package org.pyacq.rpc.invoke;

import java.util.Objects;

/**
 * A Java package as a value, the result of importing a package name. Its attributes are the
 * package's classes and sub-packages: {@code invoker.getAttribute(new PackageRef("java.util"), "List")}
 * gives {@code java.util.List}, {@code ... "concurrent"} gives the package {@code java.util.concurrent}.
 *
 * @param name the dotted package name, e.g. {@code java.util}
 */
public record PackageRef(String name) {

    public PackageRef {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a package name (write it like java.util)");
        }
    }

    /** The dotted name of a member of this package: {@code java.util} + {@code List} = {@code java.util.List}. */
    public String child(String simpleName) {
        return name + "." + simpleName;
    }

    @Override
    public String toString() {
        return "package " + name;
    }
}

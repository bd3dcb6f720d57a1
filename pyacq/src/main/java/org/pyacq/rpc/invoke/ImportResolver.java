package org.pyacq.rpc.invoke;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code import} action, PROTOCOL.md section 9: a dotted name is a class (nested classes as
 * {@code a.b.Outer$Inner} or {@code a.b.Outer.Inner}) followed by static members, or a package.
 * The shortest prefix that names a class wins; the rest is walked as attributes.
 */
final class ImportResolver {

    private static final Pattern DOTTED = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    private final ClassLoader loader;
    private final AccessPolicy policy;
    private final PackageIndex packageIndex;
    private final AttributeWalker walker;

    ImportResolver(InvokerOptions options, PackageIndex packageIndex, AttributeWalker walker) {
        this.loader = options.classLoader();
        this.policy = options.accessPolicy();
        this.packageIndex = packageIndex;
        this.walker = walker;
    }

    Object importName(String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        if (!DOTTED.matcher(dotted).matches()) {
            throw new ArgumentException("'" + dotted + "' is not a dotted name (write it like java.util.ArrayList)");
        }
        String[] parts = dotted.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                prefix.append('.');
            }
            prefix.append(parts[i]);
            Class<?> c = tryLoad(prefix.toString(), loader);
            if (c != null) {
                policy.checkClass(c);
                Object result = c;
                for (int j = i + 1; j < parts.length; j++) {
                    result = walker.get(result, parts[j]);
                }
                return result;
            }
        }
        if (packageIndex.isPackage(dotted)) {
            return new PackageRef(dotted);
        }
        throw new ImportNotFoundException(dotted);
    }

    /** The class of that binary name, without initializing it, or null if the loader has none. */
    static Class<?> tryLoad(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError notAClass) {
            return null;
        }
    }
}

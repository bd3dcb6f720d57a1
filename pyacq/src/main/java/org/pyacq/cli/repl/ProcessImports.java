package org.pyacq.cli.repl;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;

/**
 * Resolves dotted names in one process: imports the shortest prefix the server accepts (a package
 * such as {@code java}, or a class) and walks the rest as attributes from there, so
 * {@code w.java.util.ArrayList} costs one import of {@code java} and one attribute walk. Accepted
 * and refused prefixes are remembered for the session; thread-safe.
 */
final class ProcessImports {
    /** The remote type of an import that named nothing; other failures are reported, not skipped. */
    private static final String NOT_FOUND = "ImportNotFoundException";

    private final ProcessValue process;
    private final Map<String, ObjectProxy> imported = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    ProcessImports(ProcessValue process) {
        this.process = Objects.requireNonNull(process, "process");
    }

    /**
     * The object {@code dotted} names in the process: a proxy (class, package, object) or a plain
     * value (a static field such as {@code java.lang.Integer.MAX_VALUE}).
     */
    Object resolve(String dotted, CancellableWait wait) {
        return resolve(dotted, wait, false);
    }

    /**
     * A proxy for calling {@code dotted}: the imported prefix with the rest as deferred attributes,
     * so {@code w.java.lang.System.getProperty("x")} walks and calls in one request.
     */
    ObjectProxy resolveForCall(String dotted, CancellableWait wait) {
        Object r = resolve(dotted, wait, true);
        if (r instanceof ObjectProxy p) {
            return p;
        }
        throw new ReplException(dotted + " in " + process.name() + " is a value (" + r + "), which cannot be called");
    }

    private Object resolve(String dotted, CancellableWait wait, boolean deferRest) {
        ObjectProxy known = imported.get(dotted);
        if (known != null) {
            return known;
        }
        String[] parts = dotted.split("\\.");
        ObjectProxy base = null;
        int used = 0;
        RemoteCallException miss = null;
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length && base == null; i++) {
            prefix.append(i > 0 ? "." : "").append(parts[i]);
            String name = prefix.toString();
            base = imported.get(name);
            if (base == null && !refused.contains(name)) {
                try {
                    base = wait.blocking(() -> process.client().importModule(name));
                    imported.put(name, base);
                } catch (RemoteCallException e) {
                    if (!NOT_FOUND.equals(e.remoteType())) {
                        throw e;
                    }
                    refused.add(name);
                    miss = e;
                }
            }
            used = i + 1;
        }
        if (base == null) {
            if (miss != null) {
                throw miss;
            }
            throw new ReplException("nothing named '" + dotted + "' can be imported in " + process.name());
        }
        if (used == parts.length) {
            return base;
        }
        ObjectProxy walk = base;
        for (int i = used; i < parts.length; i++) {
            walk = walk.attr(parts[i]);
        }
        if (deferRest) {
            return walk;
        }
        final ObjectProxy from = walk;
        Object result;
        try {
            result = wait.blocking(from::undefer);
        } catch (RemoteCallException walkFailed) {
            // a class the server's package index does not list can still load by its full name
            try {
                result = wait.blocking(() -> process.client().importModule(dotted));
            } catch (RemoteCallException importFailed) {
                throw walkFailed;
            }
        }
        if (result instanceof ObjectProxy p && isStable(p)) {
            imported.put(dotted, p);
        }
        return result;
    }

    /** Names already imported or walked to, for completion of {@code w.<TAB>}. */
    Set<String> importedNames() {
        return imported.keySet();
    }

    /** True if importing {@code name} failed before. */
    boolean isRefused(String name) {
        return refused.contains(name);
    }

    /** Classes and packages do not change; a static field's value might. */
    private static boolean isStable(ObjectProxy p) {
        return p.typeName().startsWith("class ") || p.typeName().startsWith("package ");
    }
}

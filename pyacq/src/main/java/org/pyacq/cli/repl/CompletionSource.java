package org.pyacq.cli.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.wire.ReturnType;

/**
 * Names that completion offers from remote sources: process names (from {@code ps}), packages and
 * classes of a process ({@code __dir__} of an imported package), and members of a remote object
 * ({@code __dir__}, cached per type for the session). Every lookup runs on the session's I/O pool
 * and is waited for at most the completion timeout; a lookup that fails or is late gives no
 * names (a late one still fills the cache, so the next Tab is quick).
 */
final class CompletionSource {
    /** Top-level packages tried after {@code w.}: there is no remote listing of top-level packages. */
    private static final List<String> ROOTS = List.of("java", "javax", "jdk", "org", "com", "net", "io");

    private final ReplSession session;
    private final Map<String, List<String>> membersByType = new ConcurrentHashMap<>();
    private final Map<String, List<String>> namesByImport = new ConcurrentHashMap<>();

    CompletionSource(ReplSession session) {
        this.session = session;
    }

    /** Names of the daemon's processes. */
    List<String> processNames() {
        return bounded(() -> {
            List<?> children = (List<?>) unbounded().awaitOwned(session.control().invokeAsync("ps"));
            session.learnProcesses(children);
            List<String> names = new ArrayList<>();
            for (Object c : children) {
                if (c instanceof Map<?, ?> m && m.get("name") != null) {
                    names.add(String.valueOf(m.get("name")));
                }
            }
            return names;
        });
    }

    /**
     * Names after {@code w.} followed by {@code dotted} (empty for the top level): sub-packages and
     * classes of a package, static members of a class.
     */
    List<String> importNames(ProcessValue p, String dotted) {
        if (dotted.isEmpty()) {
            return bounded(() -> topLevel(p));
        }
        String key = p.address() + " " + dotted;
        List<String> known = namesByImport.get(key);
        if (known != null) {
            return known;
        }
        return bounded(() -> {
            Object target = session.importsOf(p).resolve(dotted, unbounded());
            if (!(target instanceof ObjectProxy proxy)) {
                return List.of();
            }
            List<String> names = dir(proxy);
            namesByImport.put(key, names);
            return names;
        });
    }

    /** Members of {@code root} walked along {@code path}; cached by type when the path is empty. */
    List<String> membersOf(ObjectProxy root, List<String> path) {
        boolean cacheable = path.isEmpty() && root.attributes().isEmpty() && !root.typeName().isEmpty();
        if (cacheable) {
            List<String> known = membersByType.get(root.typeName());
            if (known != null) {
                return known;
            }
        }
        return bounded(() -> {
            ObjectProxy target = root;
            for (String name : path) {
                target = target.attr(name);
            }
            List<String> names = dir(target);
            if (cacheable) {
                membersByType.put(root.typeName(), names);
            }
            return names;
        });
    }

    private List<String> topLevel(ProcessValue p) {
        ProcessImports imports = session.importsOf(p);
        List<String> names = new ArrayList<>(List.of("self", "published"));
        for (String root : ROOTS) {
            if (imports.isRefused(root)) {
                continue;
            }
            try {
                imports.resolve(root, unbounded());
                names.add(root);
            } catch (RuntimeException notThere) {
                // not a package in that process
            }
        }
        for (String name : imports.importedNames()) {
            String first = name.split("\\.")[0];
            if (!names.contains(first)) {
                names.add(first);
            }
        }
        return names;
    }

    private List<String> dir(ObjectProxy target) {
        Object names = unbounded().awaitOwned(target.withTimeout(session.options().completionTimeout())
                .withReturnType(ReturnType.VALUE).attr("__dir__").callAsync());
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            for (Object n : list) {
                out.add(String.valueOf(n));
            }
        }
        return List.copyOf(out);
    }

    /** A wait for work already running on the I/O pool (the bound is applied around it). */
    private CancellableWait unbounded() {
        return new CancellableWait(session.ioPool(), null);
    }

    private List<String> bounded(Supplier<List<String>> lookup) {
        try {
            CompletableFuture<List<String>> f = CompletableFuture.supplyAsync(lookup, session.ioPool());
            return f.get(session.options().completionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception lateOrFailed) {
            return List.of();
        }
    }
}

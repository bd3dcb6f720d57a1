package org.pyacq.rpc.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The packages and public classes a class loader can see: the exported packages of the boot
 * layer's modules (JDK classes listed from the {@code jrt:} file system) and the packages on the
 * class path (directories and jars of {@code java.class.path} and of URL class loaders, following
 * jar manifests' {@code Class-Path}), plus packages the loader has already defined.
 *
 * <p>The package set is built once, on first use; the class list of a package is read from class
 * file headers (no class is loaded) on first request and cached. Thread-safe.
 *
 * <pre>{@code
 * PackageIndex index = PackageIndex.of(loader);
 * index.isPackage("java.util");           // true
 * index.subPackages("java.util");         // [concurrent, function, jar, logging, ...]
 * index.classNames("java.util");          // [AbstractCollection, ..., ArrayList, ...]
 * }</pre>
 */
public final class PackageIndex {

    private record Snapshot(NavigableSet<String> packages, Map<String, String> jdkModules,
            Map<String, List<Path>> roots) {
    }

    private final ClassLoader loader;
    private final Object buildLock = new Object();
    private volatile Snapshot snapshot;
    private final ConcurrentHashMap<String, SortedSet<String>> classLists = new ConcurrentHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();

    private PackageIndex(ClassLoader loader) {
        this.loader = loader;
    }

    /** An index of what {@code loader} sees; nothing is scanned until the first question. */
    public static PackageIndex of(ClassLoader loader) {
        return new PackageIndex(Objects.requireNonNull(loader, "loader"));
    }

    /** True if {@code name} is a known package, or a prefix of one ({@code java} for {@code java.util}). */
    public boolean isPackage(String name) {
        NavigableSet<String> packages = snapshot().packages();
        if (packages.contains(name)) {
            return true;
        }
        String next = packages.ceiling(name + ".");
        return next != null && next.startsWith(name + ".");
    }

    /** All known packages that hold classes, sorted. */
    public SortedSet<String> packages() {
        return snapshot().packages();
    }

    /** Simple names of the direct sub-packages of {@code pkg} ({@code ""} for the top level), sorted. */
    public SortedSet<String> subPackages(String pkg) {
        String prefix = pkg.isEmpty() ? "" : pkg + ".";
        SortedSet<String> names = new TreeSet<>();
        for (String p : snapshot().packages().tailSet(prefix, true)) {
            if (!p.startsWith(prefix)) {
                break;
            }
            String rest = p.substring(prefix.length());
            if (!rest.isEmpty()) {
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /**
     * Simple names of the public top-level classes and interfaces of {@code pkg}, sorted (nested
     * classes are members of their outer class, not of the package).
     */
    public SortedSet<String> classNames(String pkg) {
        return classLists.computeIfAbsent(pkg, this::listClasses);
    }

    /** How many times the package set was built (once at most); for tests. */
    int builds() {
        return builds.get();
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (buildLock) {
                s = snapshot;
                if (s == null) {
                    s = build();
                    snapshot = s;
                }
            }
        }
        return s;
    }

    private Snapshot build() {
        NavigableSet<String> packages = new TreeSet<>();
        Map<String, String> jdkModules = new HashMap<>();
        Map<String, List<Path>> roots = new HashMap<>();
        ModuleLayer boot = ModuleLayer.boot();
        for (Module m : boot.modules()) {
            Optional<URI> location = boot.configuration().findModule(m.getName())
                    .flatMap(r -> r.reference().location());
            String scheme = location.map(URI::getScheme).orElse("");
            for (String p : m.getPackages()) {
                if (m.isExported(p)) {
                    packages.add(p);
                    if (scheme.equals("jrt")) {
                        jdkModules.put(p, m.getName());
                    } else if (scheme.equals("file")) {
                        roots.computeIfAbsent(p, k -> new ArrayList<>()).add(Paths.get(location.get()));
                    }
                }
            }
        }
        for (Path root : ClassPathScanner.roots(loader)) {
            ClassPathScanner.collectPackages(root, roots);
        }
        packages.addAll(roots.keySet());
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            for (Package p : l.getDefinedPackages()) {
                packages.add(p.getName());
            }
        }
        builds.incrementAndGet();
        return new Snapshot(Collections.unmodifiableNavigableSet(packages), Map.copyOf(jdkModules), Map.copyOf(roots));
    }

    private SortedSet<String> listClasses(String pkg) {
        Snapshot s = snapshot();
        SortedSet<String> names = new TreeSet<>();
        String module = s.jdkModules().get(pkg);
        if (module != null) {
            listJdkClasses(module, pkg, names);
        }
        for (Path root : s.roots().getOrDefault(pkg, List.of())) {
            names.addAll(ClassPathScanner.publicClasses(root, pkg));
        }
        return Collections.unmodifiableSortedSet(names);
    }

    private static void listJdkClasses(String module, String pkg, SortedSet<String> names) {
        FileSystem jrt;
        try {
            jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        } catch (FileSystemNotFoundException | UnsupportedOperationException noJrt) {
            return;
        }
        Path dir = jrt.getPath("/modules", module, pkg.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String simple = ClassPathScanner.topLevelName(f.getFileName().toString());
                if (simple != null) {
                    try (InputStream in = Files.newInputStream(f)) {
                        ClassPathScanner.addIfPublic(simple, in, names);
                    }
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            // an unreadable module lists no classes
        }
    }

    @Override
    public String toString() {
        Snapshot s = snapshot;
        return "PackageIndex[" + (s == null ? "not built" : s.packages().size() + " packages") + "]";
    }
}

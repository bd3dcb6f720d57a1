package org.pyacq.rpc.invoke;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds packages and classes on a class path: directories and jars of {@code java.class.path} and
 * of {@link URLClassLoader}s, following the {@code Class-Path} of jar manifests (as the JVM does,
 * which matters for test runners that start the JVM with a manifest-only jar).
 */
final class ClassPathScanner {

    private static final int MAX_DEPTH = 64;

    private ClassPathScanner() {
    }

    /** The class path roots visible to {@code loader}, jars' manifest class paths included. */
    static List<Path> roots(ClassLoader loader) {
        Set<Path> roots = new LinkedHashSet<>();
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addRoot(Paths.get(entry), roots);
            }
        }
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    try {
                        if ("file".equals(url.getProtocol())) {
                            addRoot(Paths.get(url.toURI()), roots);
                        }
                    } catch (URISyntaxException | IllegalArgumentException badUrl) {
                        // not a file we can scan
                    }
                }
            }
        }
        return List.copyOf(roots);
    }

    private static void addRoot(Path path, Set<Path> roots) {
        Path root = path.toAbsolutePath().normalize();
        if (!Files.exists(root) || !roots.add(root) || Files.isDirectory(root)) {
            return;
        }
        try (JarFile jar = new JarFile(root.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                URI base = root.toUri();
                for (String entry : classPath.trim().split("\\s+")) {
                    try {
                        URI uri = base.resolve(entry);
                        if ("file".equals(uri.getScheme())) {
                            addRoot(Paths.get(uri), roots);
                        }
                    } catch (IllegalArgumentException badEntry) {
                        // skip entries that are not file URLs
                    }
                }
            }
        } catch (IOException notAJar) {
            // a file that is not a jar holds no classes
        }
    }

    /** Adds the packages of classes under {@code root} (a directory or jar) to {@code packages} → roots. */
    static void collectPackages(Path root, Map<String, List<Path>> packages) {
        Set<String> found = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
                files.filter(f -> f.getFileName() != null && f.getFileName().toString().endsWith(".class"))
                        .map(f -> root.relativize(f).getParent())
                        .filter(p -> p != null)
                        .forEach(p -> found.add(p.toString().replace(File.separatorChar, '.')));
            } catch (IOException | UncheckedIOException e) {
                return;
            }
        } else {
            try (ZipFile zip = new ZipFile(root.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    int slash = name.lastIndexOf('/');
                    if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
                        found.add(name.substring(0, slash).replace('/', '.'));
                    }
                }
            } catch (IOException unreadable) {
                return;
            }
        }
        for (String pkg : found) {
            if (!pkg.contains("-")) {
                packages.computeIfAbsent(pkg, k -> new ArrayList<>()).add(root);
            }
        }
    }

    /** Simple names of the public top-level classes of {@code pkg} under {@code root}. */
    static SortedSet<String> publicClasses(Path root, String pkg) {
        SortedSet<String> names = new TreeSet<>();
        String dir = pkg.replace('.', '/');
        if (Files.isDirectory(root)) {
            Path folder = root.resolve(dir);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String simple = topLevelName(f.getFileName().toString());
                    if (simple != null) {
                        try (InputStream in = Files.newInputStream(f)) {
                            addIfPublic(simple, in, names);
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return names;
            }
            return names;
        }
        try (ZipFile zip = new ZipFile(root.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (name.startsWith(dir + "/") && name.indexOf('/', dir.length() + 1) < 0) {
                    String simple = topLevelName(name.substring(dir.length() + 1));
                    if (simple != null) {
                        try (InputStream in = zip.getInputStream(e)) {
                            addIfPublic(simple, in, names);
                        }
                    }
                }
            }
        } catch (IOException unreadable) {
            return names;
        }
        return names;
    }

    /** {@code List} for {@code List.class}; null for nested, module-info and package-info classes and other files. */
    static String topLevelName(String fileName) {
        if (!fileName.endsWith(".class") || fileName.indexOf('$') >= 0 || fileName.indexOf('-') >= 0) {
            return null;
        }
        return fileName.substring(0, fileName.length() - ".class".length());
    }

    static void addIfPublic(String simpleName, InputStream classFile, Set<String> names) {
        try {
            if (ClassFileAccess.isPublic(classFile)) {
                names.add(simpleName);
            }
        } catch (IOException notAClassFile) {
            // skip it
        }
    }
}

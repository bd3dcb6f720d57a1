package org.pyacq.spawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing archives for faster child starts. The first spawn for a given JVM, class
 * path and JVM options trains an archive in the background (a short JVM that loads what a child
 * loads and dumps the classes at exit); later spawns map it. The archive changes nothing of how
 * a child runs once started. Archives live in a per-user cache directory readable only by the user.
 */
final class ClassDataSharing {
    private static final Logger log = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final Set<String> TRAINING = ConcurrentHashMap.newKeySet();

    private ClassDataSharing() {
    }

    /** JVM options that use the archive for these options, or none while it does not exist yet. */
    static List<String> optionsFor(SpawnOptions options) {
        if (!options.classDataSharing() || !archivable(options.classPath())) {
            return List.of();
        }
        try {
            Path archive = archivePath(options);
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off");
            }
            trainInBackground(options, archive);
        } catch (IOException | RuntimeException e) {
            log.debug("no class-data sharing archive for {}: {}", options.name(), e.toString());
        }
        return List.of();
    }

    /**
     * The JVM archives classes only from jar files: a class path with a directory (a build's
     * target/classes) cannot have an archive.
     */
    static boolean archivable(List<String> classPath) {
        for (String entry : classPath) {
            if (Files.isDirectory(Path.of(entry))) {
                return false;
            }
        }
        return true;
    }

    /** Creates the archive now (blocking, bounded); true if it exists afterwards. */
    static boolean train(SpawnOptions options) {
        if (!archivable(options.classPath())) {
            return false;
        }
        try {
            Path archive = archivePath(options);
            if (!Files.isRegularFile(archive)) {
                runTraining(options, archive);
            }
            return Files.isRegularFile(archive);
        } catch (IOException e) {
            return false;
        }
    }

    private static void trainInBackground(SpawnOptions options, Path archive) {
        if (!TRAINING.add(archive.toString())) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                runTraining(options, archive);
            } finally {
                TRAINING.remove(archive.toString());
            }
        }, "pyacq-cds-training");
        t.setDaemon(true);
        t.start();
    }

    private static void runTraining(SpawnOptions options, Path archive) {
        Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(JavaRuntime.standardOptions(JavaRuntime.featureVersion(options.javaExecutable())));
        cmd.addAll(options.jvmOptions());
        cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
        cmd.add("-Xlog:cds=off");
        cmd.add("-Xlog:cds+dynamic=off");
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, options.classPath()));
        cmd.add(ArchiveTraining.class.getName());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                log.debug("class-data sharing training for {} took too long; gave up", options.name());
                return;
            }
            if (p.exitValue() == 0 && Files.isRegularFile(tmp)) {
                try {
                    Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
                }
                log.debug("class-data sharing archive ready: {}", archive);
                keepNewest(archive.getParent(), "child-", KEPT_ARCHIVES, archive);
            }
        } catch (IOException e) {
            log.debug("class-data sharing training failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a stale temporary file is harmless
            }
        }
    }

    /**
     * How many child archives the cache keeps (each is 5-10 MB): one is made per java, JVM options
     * and jar version, so a machine whose jar is rebuilt or upgraded would otherwise collect them.
     */
    static final int KEPT_ARCHIVES = 8;
    /** A training's temporary file older than this was left by a process that died. */
    private static final long STALE_TEMPORARY_MILLIS = TimeUnit.HOURS.toMillis(1);

    /**
     * Deletes the files of {@code dir} named {@code prefix*.jsa} beyond the {@code keep} last modified
     * ({@code justMade} always stays), and their trainings' temporary files older than an hour.
     */
    static void keepNewest(Path dir, String prefix, int keep, Path justMade) {
        List<Path> archives = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".jsa")) {
                    archives.add(f);
                } else if (name.contains(".jsa.tmp-") && now - modified(f) > STALE_TEMPORARY_MILLIS) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            log.debug("could not trim the archive cache {}: {}", dir, e.toString());
            return;
        }
        archives.sort(java.util.Comparator.comparingLong(ClassDataSharing::modified).reversed());
        int others = 0;
        for (Path f : archives) {
            if (f.equals(justMade) || ++others < keep) {
                continue;   // the new one and the keep - 1 newest others stay
            }
            try {
                Files.deleteIfExists(f);   // a JVM that maps it keeps its mapping
            } catch (IOException e) {
                log.debug("could not delete the old archive {}: {}", f, e.toString());
            }
        }
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** One archive per java executable, JVM options and class path (with file sizes and times). */
    static Path archivePath(SpawnOptions options) throws IOException {
        Path dir = cacheDirectory().resolve("cds");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: leave the defaults
            }
        }
        StringBuilder key = new StringBuilder();
        key.append(options.javaExecutable().toRealPath()).append('\n')
                .append(JavaRuntime.featureVersion(options.javaExecutable())).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        options.jvmOptions().forEach(o -> key.append(o).append('\n'));
        for (String entry : options.classPath()) {
            Path p = Path.of(entry);
            key.append(entry);
            if (Files.exists(p)) {
                key.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
            }
            key.append('\n');
        }
        return dir.resolve("child-" + sha256(key.toString()).substring(0, 24) + ".jsa");
    }

    static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("pyacq");
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

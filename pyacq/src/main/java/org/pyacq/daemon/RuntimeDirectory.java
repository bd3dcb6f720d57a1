package org.pyacq.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user directory where a daemon leaves what clients need to find it: by default
 * {@code $PYACQ_RUNTIME_DIR}, else {@code $XDG_RUNTIME_DIR/pyacq}, else {@code /tmp/pyacq-USER}.
 * Created readable by its owner only; an existing directory owned by someone else, or open to
 * others, is refused (another user could otherwise plant a fake runtime file).
 */
public final class RuntimeDirectory {
    private RuntimeDirectory() {
    }

    /** The default runtime directory for this user. */
    public static Path defaultPath() {
        String explicit = System.getenv("PYACQ_RUNTIME_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "pyacq");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pyacq-" + System.getProperty("user.name"));
    }

    /**
     * Creates {@code dir} (mode 0700) if needed and checks that only this user can use it.
     *
     * @throws IOException saying what is wrong with the directory and how to fix it
     */
    public static Path prepare(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent() != null ? dir.getParent() : dir);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created concurrently: checked below
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
                return dir;
            }
        }
        check(dir);
        return dir;
    }

    static void check(Path dir) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return;
        }
        if (!attrs.isDirectory()) {
            throw new IOException("runtime directory " + dir + " is not a directory (a symbolic link or a file); "
                    + "remove it or choose another with --runtime-dir");
        }
        String me = System.getProperty("user.name");
        if (!attrs.owner().getName().equals(me)) {
            throw new IOException("runtime directory " + dir + " belongs to " + attrs.owner().getName() + ", not " + me
                    + "; choose another with --runtime-dir or PYACQ_RUNTIME_DIR");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Writes {@code content} to {@code file} readable by its owner only, atomically (write then rename). */
    static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.pyacq.cli.repl;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the REPL keeps its history: {@code $XDG_STATE_HOME/pyacq/repl_history}, else
 * {@code ~/.local/state/pyacq/repl_history}. The directory and file are created readable by
 * their owner only (history may hold object names and arguments one would rather not share).
 */
final class HistoryFile {
    private HistoryFile() {
    }

    /** The history path for this environment and home directory. */
    static Path location(Map<String, String> env, Path home) {
        String state = env.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
                : home.resolve(".local").resolve("state");
        return base.resolve("pyacq").resolve("repl_history");
    }

    static Path defaultLocation() {
        return location(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Creates the directory (rwx------) and file (rw-------) if missing and tightens an existing
     * file's permissions.
     *
     * @throws IOException if they cannot be created
     */
    static Path prepare(Path file) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        try {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException exists) {
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
        return file;
    }
}

package org.pyacq.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This user's CURVE key pair: the one every pyacq server of the user presents and every client of
 * the user connects with, so that processes that can read the key file can talk to each other and
 * nobody else can. Kept in a directory only the user can open ({@code 0700}), in a file only the user
 * can read ({@code 0600}), in ZeroMQ's certificate format (pyzmq's {@code zmq.auth.load_certificate}
 * reads it).
 *
 * <p>The directory is, in order: the system property {@value #DIR_PROPERTY}, the environment variable
 * {@value #DIR_ENV}, {@code $XDG_CONFIG_HOME/pyacq/keys}, {@code ~/.config/pyacq/keys}.
 *
 * <pre>{@code
 * KeyPair mine = UserKeys.loadOrCreate(UserKeys.defaultDirectory());
 * }</pre>
 */
public final class UserKeys {
    /** System property naming the key directory (tests point it at a temporary directory). */
    public static final String DIR_PROPERTY = "pyacq.keyDir";
    /** Environment variable naming the key directory. */
    public static final String DIR_ENV = "PYACQ_KEY_DIR";
    /** The key file's name inside the key directory. */
    public static final String FILE_NAME = "user.key";

    private static final Pattern KEY_LINE = Pattern.compile("^\\s*(public|secret)-key\\s*=\\s*\"([^\"]*)\"\\s*$",
            Pattern.MULTILINE);
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private UserKeys() {
    }

    /** Where this user's key lives unless told otherwise (see the class comment). */
    public static Path defaultDirectory() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pyacq", "keys");
        }
        return Path.of(System.getProperty("user.home"), ".config", "pyacq", "keys");
    }

    /** The key file of {@code directory}. */
    public static Path keyFile(Path directory) {
        return directory.resolve(FILE_NAME);
    }

    /**
     * Reads the key pair of {@code directory}, creating the directory and a new key pair first if
     * there is none. Safe when several processes start at once: exactly one key is created and all
     * of them read it.
     *
     * @throws KeyFileException if the directory or file is not private to this user, or unreadable
     */
    public static KeyPair loadOrCreate(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            prepareDirectory(dir);
            Path file = keyFile(dir);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new KeyFileException("cannot use the key directory " + dir + ": " + e + "; fix it or choose another "
                    + "with -D" + DIR_PROPERTY + "=DIR or " + DIR_ENV + "=DIR", e);
        }
    }

    /**
     * Reads an existing key file.
     *
     * @throws KeyFileException if it is missing, not private to this user, or not a key file
     */
    public static KeyPair load(Path file) {
        try {
            return read(file.toAbsolutePath());
        } catch (NoSuchFileException e) {
            throw new KeyFileException("there is no key file " + file + "; a pyacq daemon or server creates it "
                    + "on first start", e);
        } catch (IOException e) {
            throw new KeyFileException("cannot read the key file " + file + ": " + e, e);
        }
    }

    private static void prepareDirectory(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // another process made it at the same moment: checked below like any existing one
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        checkPrivate(dir, true);
    }

    /**
     * Writes a new key to a private temporary file, then links it in place: linking fails if the key
     * file exists, so of two processes creating a key at once, one wins and the other reads its key.
     * A reader never sees a half-written file.
     */
    private static void create(Path file) throws IOException {
        KeyPair keys = KeyPair.generate();
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try {
            Files.write(tmp, format(keys).getBytes(StandardCharsets.US_ASCII));
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another process won the race: use its key
            } catch (UnsupportedOperationException e) {
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException lost) {
                    // another process won the race
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static KeyPair read(Path file) throws IOException {
        checkPrivate(file, false);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new KeyFileException("the key file " + file + " is " + size + " bytes long; a key file is a few "
                    + "hundred bytes: remove it to get a new key");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String publicKey = null;
        String secretKey = null;
        Matcher m = KEY_LINE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("public")) {
                publicKey = m.group(2);
            } else {
                secretKey = m.group(2);
            }
        }
        if (publicKey == null || secretKey == null) {
            throw new KeyFileException("the key file " + file + " has no " + (publicKey == null ? "public-key" : "secret-key")
                    + " line; remove it to get a new key (clients holding the old key lose access)");
        }
        try {
            return KeyPair.checkedOnUse(publicKey, secretKey, file.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException("the key file " + file + " holds no valid key pair (" + e.getMessage()
                    + "); remove it to get a new key", e);
        }
    }

    /**
     * Refuses a directory or file that another user owns, that is a symbolic link, or that others
     * may read (a file) or enter (a directory): anyone who can read the key can connect as this user.
     */
    static void checkPrivate(Path path, boolean directory) throws IOException {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return;   // no POSIX permissions on this file system: nothing we can check
        }
        String what = directory ? "key directory" : "key file";
        if (attrs.isSymbolicLink() || (directory ? !attrs.isDirectory() : !attrs.isRegularFile())) {
            throw new KeyFileException("the " + what + " " + path + " is not a " + (directory ? "directory" : "regular file")
                    + " (a symbolic link or something else); remove it, or choose another key directory with -D"
                    + DIR_PROPERTY + "=DIR or " + DIR_ENV + "=DIR");
        }
        String me = System.getProperty("user.name");
        String owner = attrs.owner().getName();
        if (!owner.equals(me)) {
            throw new KeyFileException("the " + what + " " + path + " belongs to " + owner + ", not to " + me
                    + "; refusing to use a key another user controls. Choose your own key directory with -D"
                    + DIR_PROPERTY + "=DIR or " + DIR_ENV + "=DIR");
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(attrs.permissions());
        open.removeIf(p -> p.name().startsWith("OWNER"));
        if (!open.isEmpty()) {
            throw new KeyFileException("the " + what + " " + path + " is open to other users ("
                    + PosixFilePermissions.toString(attrs.permissions()) + "); anyone who can read the key can "
                    + "connect as you. Run: chmod " + (directory ? "700 " : "600 ") + path
                    + (directory ? "" : " (and consider removing it to get a new key, as it may have been copied)"));
        }
    }

    private static String format(KeyPair keys) {
        return "#   ****  Generated on " + Instant.now() + " by pyacq  ****\n"
                + "#   This user's pyacq key: whoever can read this file can connect to your pyacq\n"
                + "#   processes and run code as you. Keep it private (mode 600).\n"
                + "#   ZeroMQ CURVE secret certificate.\n"
                + "\n"
                + "metadata\n"
                + "curve\n"
                + "    public-key = \"" + keys.publicKey() + "\"\n"
                + "    secret-key = \"" + keys.secretKey() + "\"\n";
    }
}

package org.pyacq.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The owner-only directory where this user's servers put their same-host endpoints (Unix domain
 * socket files, one per server, named after the server's ZeroMQ address). A client that knows a
 * server's address finds its local endpoint here without asking anyone, so choosing the local
 * path costs no round trip.
 *
 * <p>Where: the system property {@code pyacq.local.dir}, else {@code $PYACQ_LOCAL_DIR}, else
 * {@code $XDG_RUNTIME_DIR/pyacq-local}, else {@code <java.io.tmpdir>/pyacq-local-<user>}. The
 * directory is created with mode 0700; one that belongs to someone else is refused (the local
 * path is then off and everything goes through ZeroMQ).
 */
public final class LocalDirectory {
    /** Unix socket paths are limited to 107 bytes by the kernel. */
    static final int MAX_SOCKET_PATH = 107;

    private final Path dir;

    private LocalDirectory(Path dir) {
        this.dir = dir;
    }

    /** The directory for this process's settings (not created). */
    public static LocalDirectory defaultLocation() {
        return new LocalDirectory(defaultPath());
    }

    /** A directory at {@code dir} (not created), e.g. for tests. */
    public static LocalDirectory at(Path dir) {
        return new LocalDirectory(dir.toAbsolutePath());
    }

    static Path defaultPath() {
        String prop = System.getProperty("pyacq.local.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String env = System.getenv("PYACQ_LOCAL_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "pyacq-local");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pyacq-local-" + System.getProperty("user.name"));
    }

    public Path path() {
        return dir;
    }

    /**
     * Creates the directory (mode 0700) if needed and checks that it belongs to this user and is
     * closed to others.
     *
     * @throws IOException saying what is wrong with the directory
     */
    public LocalDirectory prepare() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // made at the same time by another process of ours: checked below
            }
        }
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isDirectory()) {
            throw new IOException(dir + " is not a directory (a link or a file); remove it or set PYACQ_LOCAL_DIR");
        }
        String me = System.getProperty("user.name");
        if (!attrs.owner().getName().equals(me)) {
            throw new IOException(dir + " belongs to " + attrs.owner().getName() + ", not " + me
                    + "; remove it or set PYACQ_LOCAL_DIR to a directory of your own");
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return this;
    }

    /**
     * The socket file of the server whose ZeroMQ address is {@code address}, or empty if that
     * address cannot have one (not tcp, or the path would be too long for the kernel).
     */
    public Optional<Path> socketFile(String address) {
        if (address == null || !address.startsWith("tcp://") || address.endsWith(":*")) {
            return Optional.empty();
        }
        String rest = address.substring("tcp://".length());
        StringBuilder name = new StringBuilder("s-");
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            name.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
        }
        name.append(".sock");
        Path file = dir.resolve(name.toString());
        if (file.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            file = dir.resolve("h-" + sha256(address).substring(0, 24) + ".sock");
            if (file.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
                return Optional.empty();
            }
        }
        return Optional.of(file);
    }

    /**
     * Removes the socket file of {@code address} if nothing listens there any more (its server
     * died without closing); true if it was removed. A live server is left alone.
     */
    public boolean removeIfStale(String address) {
        Optional<Path> file = socketFile(address);
        return file.isPresent() && removeIfStale(file.get());
    }

    static boolean removeIfStale(Path file) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try (java.nio.channels.SocketChannel probe = java.nio.channels.SocketChannel.open(
                    java.net.StandardProtocolFamily.UNIX);
                 java.nio.channels.Selector selector = java.nio.channels.Selector.open()) {
                probe.connect(java.net.UnixDomainSocketAddress.of(file));
                // a live server waits for our hello; one whose process is going away drops us at once
                probe.configureBlocking(false);
                probe.register(selector, java.nio.channels.SelectionKey.OP_READ);
                if (selector.select(50) == 0) {
                    return false;
                }
            } catch (java.net.ConnectException e) {
                try {
                    return Files.deleteIfExists(file);
                } catch (IOException gone) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return false;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}

package org.pyacq.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of public keys this user's servers accept besides the user's own: one file per key
 * ({@code NAME.key}, in ZeroMQ's public certificate format, as {@code pyacq key show} prints it and
 * pyzmq's {@code zmq.auth.create_certificates} writes it). The directory and its files must be the
 * user's own and private ({@code 0700}, {@code 0600}), like the key directory. It is read again on
 * every decision, so adding or removing a file takes effect at the next connection, without a
 * restart; a file that holds a secret key, is open to others or is not a key is skipped with one
 * warning.
 *
 * <p>A file may also name, in its metadata, the hosts whose servers present that key
 * ({@code hosts = "lab2 10.0.0.2"}): clients of this user then expect that key from servers on
 * those hosts (see {@link CurveSecurity}), which is how a proxy to a process on another host is
 * used from here.
 *
 * <pre>{@code
 * AuthorizedKeys authorized = AuthorizedKeys.in(UserKeys.defaultDirectory().resolve("authorized"));
 * boolean ok = authorized.contains(clientKey);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AuthorizedKeys {
    /** The directory's name inside the key directory. */
    public static final String DIR_NAME = "authorized";
    /** The ending of the files read. */
    public static final String SUFFIX = ".key";

    private static final Logger log = LoggerFactory.getLogger(AuthorizedKeys.class);
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=\\s*\"([^\"]*)\"\\s*$",
            Pattern.MULTILINE);
    private static final Pattern BARE_KEY = Pattern.compile("^\\s*([\\x21-\\x7e]{40})\\s*$");
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final int MAX_FILES = 10_000;

    /**
     * One authorized key.
     *
     * @param name the file's name without {@value #SUFFIX}
     * @param publicKey the key, Z85
     * @param hosts hosts whose servers present this key (may be empty)
     */
    public record Entry(String name, String publicKey, List<String> hosts) {
        public Entry {
            hosts = List.copyOf(hosts);
        }
    }

    /** A file as last read: re-read when its time, size, permissions or owner change (a chmod changes no time we see). */
    private record Cached(long modified, long size, String mode, Entry entry) {
    }

    private final Path directory;
    private final RateLimitedLog warnings = new RateLimitedLog(log, 256);
    private final Map<String, Cached> cache = new HashMap<>();

    private AuthorizedKeys(Path directory) {
        this.directory = directory.toAbsolutePath();
    }

    /** The authorized keys of {@code directory} (which need not exist yet). */
    public static AuthorizedKeys in(Path directory) {
        return new AuthorizedKeys(Objects.requireNonNull(directory, "directory"));
    }

    /** The authorized directory of a key directory. */
    public static Path directoryOf(Path keyDirectory) {
        return keyDirectory.resolve(DIR_NAME);
    }

    public Path directory() {
        return directory;
    }

    /** True if a file of the directory holds {@code publicKey} now. */
    public boolean contains(String publicKey) {
        for (Entry e : entries()) {
            if (e.publicKey().equals(publicKey)) {
                return true;
            }
        }
        return false;
    }

    /** The key servers on {@code host} present, as a file of the directory names it now; null if none does. */
    public String serverKeyFor(String host) {
        if (host == null) {
            return null;
        }
        for (Entry e : entries()) {
            for (String h : e.hosts()) {
                if (h.equalsIgnoreCase(host)) {
                    return e.publicKey();
                }
            }
        }
        return null;
    }

    /**
     * The usable keys of the directory now, by file name; empty if there is no directory or it is
     * not private to this user (then logged once).
     */
    public synchronized List<Entry> entries() {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            cache.clear();
            return List.of();
        }
        try {
            UserKeys.checkPrivate(directory, true);
        } catch (KeyFileException | IOException e) {
            warnings.warn("dir:" + e.getMessage(), "ignoring the authorized keys in {}: {}", directory, e.getMessage());
            return List.of();
        }
        Map<String, Cached> seen = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (seen.size() >= MAX_FILES) {
                    warnings.warn("many:" + directory, "{} holds more than {} key files; reading only the first",
                            directory, MAX_FILES);
                    break;
                }
                Cached c = read(file);
                if (c != null) {
                    seen.put(file.getFileName().toString(), c);
                }
            }
        } catch (IOException e) {
            warnings.warn("list:" + e, "cannot read the authorized keys in {}: {}", directory, e.toString());
            return List.of();
        }
        cache.keySet().retainAll(seen.keySet());
        cache.putAll(seen);
        List<Entry> out = new ArrayList<>();
        for (Cached c : seen.values()) {
            if (c.entry() != null) {
                out.add(c.entry());
            }
        }
        out.sort(Comparator.comparing(Entry::name));
        return out;
    }

    /** The file's entry, re-read only if it changed; an unusable file gives a Cached without entry. */
    private Cached read(Path file) {
        String name = file.getFileName().toString();
        BasicFileAttributes attrs;
        String mode;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mode = mode(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            warnings.warn("stat:" + file, "cannot read {}: {}", file, e.toString());
            return null;
        }
        long modified = attrs.lastModifiedTime().toMillis();
        Cached old = cache.get(name);
        if (old != null && old.modified() == modified && old.size() == attrs.size() && old.mode().equals(mode)) {
            return old;
        }
        Entry entry = null;
        try {
            UserKeys.checkPrivate(file, false);
            if (attrs.size() > MAX_FILE_BYTES) {
                throw new KeyFileException("it is " + attrs.size() + " bytes long; a public key file is a few hundred");
            }
            entry = parse(name.substring(0, name.length() - SUFFIX.length()),
                    Files.readString(file, StandardCharsets.US_ASCII));
        } catch (KeyFileException | IllegalArgumentException e) {
            warnings.warn("file:" + file + ":" + modified, "ignoring {}: {}", file, e.getMessage());
        } catch (IOException e) {
            warnings.warn("read:" + file + ":" + modified, "cannot read {}: {}", file, e.toString());
        }
        return new Cached(modified, attrs.size(), mode, entry);
    }

    private static String mode(Path file) throws IOException {
        try {
            PosixFileAttributes p = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return PosixFilePermissions.toString(p.permissions()) + " " + p.owner().getName();
        } catch (UnsupportedOperationException e) {
            return "";
        }
    }

    /**
     * Reads a public key file: ZeroMQ's certificate format ({@code public-key = "..."}, with an
     * optional {@code hosts = "..."} in its metadata), or a single line holding the Z85 key.
     *
     * @throws IllegalArgumentException saying what is wrong (a secret key in it, no key, a bad key)
     */
    public static Entry parse(String name, String text) {
        Matcher bare = BARE_KEY.matcher(text.strip());
        if (bare.matches()) {
            return new Entry(name, KeyPair.checkPublicKey(bare.group(1)), List.of());
        }
        String publicKey = null;
        List<String> hosts = new ArrayList<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "secret-key" -> throw new IllegalArgumentException("it holds a secret key; this directory takes "
                        + "public keys only (print yours with 'pyacq key show'); move the file away and keep it private");
                case "public-key" -> publicKey = m.group(2);
                case "hosts" -> {
                    for (String h : m.group(2).trim().split("[\\s,]+")) {
                        if (!h.isEmpty()) {
                            hosts.add(h);
                        }
                    }
                }
                default -> {
                    // other metadata (pyzmq writes none by default): kept out of the decision
                }
            }
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("it has no public-key line (expected ZeroMQ's certificate format, as "
                    + "'pyacq key show' prints it, or one line holding a 40-character Z85 key)");
        }
        return new Entry(name, KeyPair.checkPublicKey(publicKey), hosts);
    }

    /** A public key file's text, ZeroMQ's certificate format, naming {@code hosts} in its metadata if any. */
    public static String format(String publicKey, List<String> hosts, String comment) {
        StringBuilder b = new StringBuilder();
        b.append("#   ****  Generated on ").append(Instant.now()).append(" by pyacq  ****\n");
        if (comment != null && !comment.isBlank()) {
            b.append("#   ").append(comment.replace('\n', ' ')).append('\n');
        }
        b.append("#   ZeroMQ CURVE Public Certificate\n");
        b.append("#   Exchange securely, or use a secure mechanism to verify the contents\n");
        b.append("#   of this file after exchange. Store public certificates in your home\n");
        b.append("#   directory, in the .curve subdirectory.\n\n");
        b.append("metadata\n");
        if (!hosts.isEmpty()) {
            b.append("    hosts = \"").append(String.join(" ", hosts)).append("\"\n");
        }
        b.append("curve\n");
        b.append("    public-key = \"").append(KeyPair.checkPublicKey(publicKey)).append("\"\n");
        return b.toString();
    }

    /**
     * Writes {@code entry} as {@code NAME.key} into {@code directory}, creating the directory
     * ({@code 0700}) if needed; the file is {@code 0600}. Replaces a file of the same name.
     *
     * @throws IllegalArgumentException for a name that is not a plain file name
     */
    public static Path write(Path directory, Entry entry, String comment) throws IOException {
        String name = checkName(entry.name());
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        UserKeys.checkPrivate(directory, true);
        Path file = directory.resolve(name + SUFFIX);
        Path tmp = directory.resolve("." + name + ".tmp-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, format(entry.publicKey(), entry.hosts(), comment), StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Checks a key's name: letters, digits, '.', '_', '-' and '@', not starting with '.'.
     *
     * @throws IllegalArgumentException saying what a name may hold
     */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_@-][A-Za-z0-9_.@-]{0,99}")) {
            throw new IllegalArgumentException("'" + name + "' is not a usable key name: use letters, digits, '.', '_', "
                    + "'-' and '@' (at most 100, not starting with '.'), e.g. lab2 or alice@lab2");
        }
        return name;
    }

    @Override
    public String toString() {
        return "authorized keys in " + directory;
    }
}

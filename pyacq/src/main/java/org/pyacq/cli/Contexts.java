package org.pyacq.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.pyacq.transport.Endpoints;
import org.pyacq.transport.KeyPair;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * The named daemons this user reaches ({@code pyacq context add lab2 tcp://lab2:7600 --server-key KEY}),
 * in the manner of Docker contexts: a JSON file {@code contexts.json} in the user's pyacq
 * configuration directory ({@code $PYACQ_CONTEXTS_FILE}, else {@code $XDG_CONFIG_HOME/pyacq}, else
 * {@code ~/.config/pyacq}), holding {@code {"current": NAME, "contexts": {NAME: {"address",
 * "server_key", "description"}}}}. It holds no secret (addresses and public keys), and is written
 * owner-only all the same. {@value #LOCAL} is the built-in context of the daemon on this host.
 */
final class Contexts {
    /** The built-in context: the daemon of this host's runtime directory. */
    static final String LOCAL = "local";
    static final String FILE_ENV = "PYACQ_CONTEXTS_FILE";
    static final String FILE_PROPERTY = "pyacq.contextsFile";
    /** The environment variable choosing a context for one command, as {@code --context}. */
    static final String CONTEXT_ENV = "PYACQ_CONTEXT";

    /**
     * A daemon on another host.
     *
     * @param address its control address, {@code tcp://HOST:PORT}
     * @param serverKey its public CURVE key (Z85), or null for a daemon run with {@code --insecure}
     * @param description free text, or null
     */
    record Context(String address, String serverKey, String description) {
        Context {
            Endpoints.validate(address);
            if (serverKey != null) {
                KeyPair.checkPublicKey(serverKey);
            }
        }
    }

    private final Path file;
    private final Map<String, Context> contexts;
    private String current;

    private Contexts(Path file, Map<String, Context> contexts, String current) {
        this.file = file;
        this.contexts = contexts;
        this.current = current;
    }

    static Path defaultFile() {
        String p = System.getProperty(FILE_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(FILE_ENV);
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pyacq", "contexts.json");
        }
        return Path.of(System.getProperty("user.home"), ".config", "pyacq", "contexts.json");
    }

    /**
     * Reads {@code file} (none yet: no contexts).
     *
     * @throws CommandException if the file cannot be read or is not a contexts file
     */
    static Contexts read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contexts(file, new TreeMap<>(), null);
        } catch (IOException e) {
            throw new CommandException(CliExitCodes.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Object decoded = Serializers.JSON.decode(ByteBuffer.wrap(bytes), ValueMapper.PLAIN);
            if (!(decoded instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            Map<String, Context> contexts = new TreeMap<>();
            if (m.get("contexts") instanceof Map<?, ?> all) {
                for (Map.Entry<?, ?> e : all.entrySet()) {
                    if (!(e.getValue() instanceof Map<?, ?> c) || !(c.get("address") instanceof String address)) {
                        throw new IllegalArgumentException("context '" + e.getKey() + "' has no address");
                    }
                    contexts.put(String.valueOf(e.getKey()), new Context(address, text(c.get("server_key")),
                            text(c.get("description"))));
                }
            }
            return new Contexts(file, contexts, text(m.get("current")));
        } catch (WireFormatException | IllegalArgumentException e) {
            throw new CommandException(CliExitCodes.FAILURE, file + " is not a pyacq contexts file (" + e.getMessage()
                    + "); fix it, or remove it and add the contexts again", e);
        }
    }

    Path file() {
        return file;
    }

    Map<String, Context> all() {
        return Collections.unmodifiableMap(contexts);
    }

    /** The context {@code pyacq context use} chose, or null for {@value #LOCAL}. */
    String current() {
        return current;
    }

    /**
     * The context called {@code name}, or null for {@value #LOCAL}.
     *
     * @throws CommandException (usage) if there is no such context
     */
    Context get(String name) {
        if (name == null || name.equals(LOCAL)) {
            return null;
        }
        Context c = contexts.get(name);
        if (c == null) {
            throw new CommandException(CliExitCodes.USAGE, "there is no context '" + name + "'"
                    + (contexts.isEmpty() ? "; add one with 'pyacq context add " + name + " tcp://HOST:PORT --server-key KEY'"
                            : "; known: " + String.join(", ", contexts.keySet()) + " (and " + LOCAL + ")"));
        }
        return c;
    }

    void put(String name, Context c) {
        contexts.put(checkName(name), c);
    }

    boolean remove(String name) {
        if (name.equals(current)) {
            current = null;
        }
        return contexts.remove(name) != null;
    }

    void use(String name) {
        get(name);   // checks it exists
        current = name == null || name.equals(LOCAL) ? null : name;
    }

    /** Writes the file, owner-only, replacing it at once. */
    void write() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", current);
        Map<String, Object> all = new LinkedHashMap<>();
        contexts.forEach((name, c) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("address", c.address());
            one.put("server_key", c.serverKey());
            one.put("description", c.description());
            all.put(name, one);
        });
        m.put("contexts", all);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by another process meanwhile
                }
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, JsonText.write(m) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CommandException(CliExitCodes.FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks a context's name: letters, digits, '.', '_' and '-', not {@value #LOCAL}.
     *
     * @throws CommandException (usage) saying what a name may hold
     */
    static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")) {
            throw new CommandException(CliExitCodes.USAGE, "'" + name + "' is not a usable context name: use letters, "
                    + "digits, '.', '_' and '-' (at most 64), e.g. lab2");
        }
        if (name.equals(LOCAL)) {
            throw new CommandException(CliExitCodes.USAGE, "'" + LOCAL + "' is the built-in context of this host's "
                    + "daemon; choose another name");
        }
        return name;
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }
}

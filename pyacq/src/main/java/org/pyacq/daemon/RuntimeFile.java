package org.pyacq.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * {@code daemon.json} in the runtime directory: how to reach a running daemon (its pid, control
 * address, log addresses, start time, and its socket security: {@code "security": "curve"} with the
 * public {@code "server_key"} clients must trust, or {@code "plain"}). Readable only by its owner;
 * it holds no secret. A file whose pid is not alive is stale and is not trusted.
 *
 * @param pid the daemon's process id
 * @param address the daemon's RPC control address
 * @param logAddress the log server address (PULL) children and clients send records to
 * @param logFeedAddress where live log records are re-published (PUB)
 * @param startedMillis when the daemon started (epoch milliseconds)
 * @param version the daemon's version
 * @param extra other keys (e.g. security material), kept as they are
 */
public record RuntimeFile(long pid, String address, String logAddress, String logFeedAddress, long startedMillis,
        String version, Map<String, Object> extra) {

    public static final String FILE_NAME = "daemon.json";

    public RuntimeFile {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The {@code extra} fields that describe {@code security}: mechanism and public server key. */
    static Map<String, Object> securityFields(TransportSecurity security) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (security.isPlain()) {
            m.put("security", "plain");
        } else {
            m.put("security", "curve");
            if (security instanceof CurveSecurity c) {
                m.put("server_key", c.serverKey());
            }
        }
        return m;
    }

    /** "curve", "plain", or null for a file written before daemons recorded it. */
    public String security() {
        return extra.get("security") instanceof String s ? s : null;
    }

    /** The daemon's public CURVE key, or null. */
    public String serverKey() {
        return extra.get("server_key") instanceof String s ? s : null;
    }

    public static Path pathIn(Path runtimeDir) {
        return runtimeDir.resolve(FILE_NAME);
    }

    /** Writes this file into {@code runtimeDir}, owner-only. */
    public void write(Path runtimeDir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put("pid", pid);
        m.put("address", address);
        m.put("log_address", logAddress);
        m.put("log_feed_address", logFeedAddress);
        m.put("started", startedMillis);
        m.put("version", version);
        RuntimeDirectory.writePrivate(pathIn(runtimeDir), Serializers.JSON.encodeToBytes(m, ValueMapper.PLAIN));
    }

    /**
     * Reads the runtime file of {@code runtimeDir}, if there is one.
     *
     * @throws IOException if it exists but cannot be read or is not a daemon runtime file
     */
    public static Optional<RuntimeFile> read(Path runtimeDir) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pathIn(runtimeDir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Object decoded;
        try {
            decoded = Serializers.JSON.decode(ByteBuffer.wrap(bytes), ValueMapper.PLAIN);
        } catch (WireFormatException e) {
            throw new IOException(pathIn(runtimeDir) + " is not valid JSON (" + e.getMessage() + "); delete it if no "
                    + "daemon is running", e);
        }
        if (!(decoded instanceof Map<?, ?> m) || !(m.get("address") instanceof String address)
                || !(m.get("pid") instanceof Number pid)) {
            throw new IOException(pathIn(runtimeDir) + " is not a pyacq daemon runtime file; delete it if no daemon "
                    + "is running");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> extra.put(String.valueOf(k), v));
        for (String known : new String[] {"pid", "address", "log_address", "log_feed_address", "started", "version"}) {
            extra.remove(known);
        }
        return Optional.of(new RuntimeFile(pid.longValue(), address, text(m.get("log_address")),
                text(m.get("log_feed_address")), m.get("started") instanceof Number n ? n.longValue() : 0,
                text(m.get("version")), extra));
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }

    /** True if the process that wrote this file is still alive. */
    public boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void delete(Path runtimeDir) {
        try {
            Files.deleteIfExists(pathIn(runtimeDir));
        } catch (IOException e) {
            // nothing more to do at exit
        }
    }
}

package org.pyacq.spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * The JSON the parent writes to a child's stdin (PROTOCOL.md section 7): {@code class_name},
 * {@code args.address}, {@code bootstrap_addr}, {@code loglevel}, {@code logaddr}, {@code qt};
 * and extensions a Python child never sees: {@code lifeline} (exit when stdin closes),
 * {@code name} (the child's process name, which a warm spare learns only here),
 * {@code startup_class}, {@code report_timeout} (seconds to keep reporting the address),
 * {@code security} (the child's key pair and the client keys it accepts, or plain mode: secrets
 * travel only here, never on the command line or in the environment) and {@code access_policy}
 * (allow and deny prefixes), {@code local_bootstrap} (the parent's same-host bootstrap socket,
 * {@link org.pyacq.transport.LocalBootstrap}: a Java child reports there, and over the PAIR link only
 * if that fails).
 *
 * @param name the child's process name, or null (a Python parent does not send it: the command line has it)
 * @param security the child's socket security, or null for its user's default
 * @param accessPolicy what remote callers of the child may reach, or null for everything
 * @param localBootstrap the parent's same-host bootstrap socket file, or null for the PAIR link only
 */
record BootstrapConfig(String name, String address, String bootstrapAddress, int logLevel, String logAddress, boolean lifeline,
        String startupClass, long reportTimeoutMillis, TransportSecurity security, PackageAccessPolicy accessPolicy,
        String localBootstrap) {

    /** How long a child keeps reporting its status when the parent does not say (pyacq's 10 s). */
    static final long DEFAULT_REPORT_TIMEOUT_MILLIS = 10_000;

    private static final int MAX_BYTES = 1 << 20;

    byte[] toJsonLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "RPCServer");
        m.put("args", Map.of("address", address));
        m.put("bootstrap_addr", bootstrapAddress);
        m.put("loglevel", logLevel);
        m.put("logaddr", logAddress);
        m.put("qt", false);
        m.put("lifeline", lifeline);
        if (name != null) {
            m.put("name", name);
        }
        if (startupClass != null) {
            m.put("startup_class", startupClass);
        }
        m.put("report_timeout", reportTimeoutMillis / 1000.0);
        if (security != null) {
            m.put("security", SecurityConfig.toMap(security));
        }
        if (accessPolicy != null) {
            m.put("access_policy", Map.of("allow", accessPolicy.allowed(), "deny", accessPolicy.denied()));
        }
        if (localBootstrap != null) {
            m.put("local_bootstrap", localBootstrap);
        }
        byte[] json = Serializers.JSON.encodeToBytes(m, ValueMapper.PLAIN);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    /**
     * Reads one JSON object from {@code in}: up to a newline (our parent) or end of file (a Python
     * parent closes stdin after writing). Reads byte by byte so nothing after the line is consumed.
     */
    static BootstrapConfig read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (buf.size() >= MAX_BYTES) {
                throw new IOException("bootstrap configuration on stdin is longer than " + MAX_BYTES + " bytes");
            }
            buf.write(b);
        }
        if (buf.size() == 0 && b == -1) {
            throw new MissingConfigException("no bootstrap configuration on stdin: this program is started by a"
                    + " process spawner, which writes its JSON configuration there");
        }
        if (buf.size() == 0) {
            throw new IOException("no bootstrap configuration on stdin: this program is started by a process spawner,"
                    + " which writes its JSON configuration there");
        }
        Object decoded;
        try {
            decoded = Serializers.JSON.decode(ByteBuffer.wrap(buf.toByteArray()), ValueMapper.PLAIN);
        } catch (WireFormatException e) {
            throw new IOException("bootstrap configuration is not valid JSON: " + e.getMessage(), e);
        }
        if (!(decoded instanceof Map<?, ?> m)) {
            throw new IOException("bootstrap configuration must be a JSON object");
        }
        Object args = m.get("args");
        Object address = args instanceof Map<?, ?> a ? a.get("address") : null;
        return new BootstrapConfig(
                text(m, "name", false),
                address instanceof String s ? s : "tcp://127.0.0.1:*",
                text(m, "bootstrap_addr", true),
                m.get("loglevel") instanceof Number n ? n.intValue() : 20,
                text(m, "logaddr", false),
                Boolean.TRUE.equals(m.get("lifeline")),
                text(m, "startup_class", false),
                m.get("report_timeout") instanceof Number t && t.doubleValue() > 0 ? (long) (t.doubleValue() * 1000)
                        : DEFAULT_REPORT_TIMEOUT_MILLIS,
                m.get("security") == null ? null : SecurityConfig.fromMap(m.get("security")),
                accessPolicy(m.get("access_policy")),
                text(m, "local_bootstrap", false));
    }

    private static PackageAccessPolicy accessPolicy(Object v) throws IOException {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> p)) {
            throw new IOException("bootstrap configuration: 'access_policy' must be an object with 'allow' and 'deny'");
        }
        try {
            return PackageAccessPolicy.of(strings(p.get("allow"), "access_policy.allow"),
                    strings(p.get("deny"), "access_policy.deny"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bootstrap configuration: " + e.getMessage(), e);
        }
    }

    static List<String> strings(Object v, String key) throws IOException {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IOException("bootstrap configuration: '" + key + "' must be a list of text");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new IOException("bootstrap configuration: '" + key + "' must be a list of text, got " + o);
            }
            out.add(s);
        }
        return out;
    }

    private static String text(Map<?, ?> m, String key, boolean required) throws IOException {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        if (v == null && !required) {
            return null;
        }
        throw new IOException("bootstrap configuration: '" + key + "' must be text, got " + v);
    }

    /** Stdin ended before any configuration came: the parent went away (or nobody spawned us). */
    static final class MissingConfigException extends IOException {
        private static final long serialVersionUID = 1L;

        MissingConfigException(String message) {
            super(message);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

package org.pyacq.spawn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.pyacq.transport.AuthorizedKeys;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.TransportSecurity;

/**
 * A child's socket security as it travels in the bootstrap JSON on the child's stdin:
 * {@code {"mechanism": "curve", "public_key", "secret_key", "allowed_clients": [...]}} (with
 * {@code "authorized_dir"}, the directory of further client keys, and {@code "server_key"} when the
 * parent was given one) or
 * {@code {"mechanism": "plain", "allow_remote": false}}.
 */
final class SecurityConfig {
    private SecurityConfig() {
    }

    /**
     * What a child of a process using {@code parent} uses: the same key pair as server and client,
     * accepting the parent's allowed clients and the parent itself; or the same plain mode.
     *
     * @throws IllegalArgumentException for a kind of security that cannot be handed to a child
     */
    static TransportSecurity forChild(TransportSecurity parent) {
        Cached c = cached;
        if (c != null && c.parent == parent) {
            return c.child;
        }
        TransportSecurity child = deriveForChild(parent);
        cached = new Cached(parent, child);
        return child;
    }

    /** The last derivation: a daemon spawns many children from one security, and each CurveSecurity registers a ZAP domain. */
    private record Cached(TransportSecurity parent, TransportSecurity child) {
    }

    private static volatile Cached cached;

    private static TransportSecurity deriveForChild(TransportSecurity parent) {
        if (parent.isPlain()) {
            return TransportSecurity.plain(parent.allowsInsecureRemote());
        }
        if (parent instanceof CurveSecurity c) {
            List<String> allowed = new ArrayList<>(new TreeSet<>(c.allowedClients()));
            if (!allowed.contains(c.keyPair().publicKey())) {
                allowed.add(c.keyPair().publicKey());
            }
            CurveSecurity.Builder b = CurveSecurity.builder(c.keyPair()).allowClients(allowed).origin("the parent process")
                    .authorizedKeys(c.authorizedKeys());
            if (c.explicitServerKey() != null) {
                b.serverKey(c.explicitServerKey());
            }
            return b.build();
        }
        throw new IllegalArgumentException("cannot hand socket security " + parent + " to a child process: use "
                + "CurveSecurity or TransportSecurity.PLAIN");
    }

    static Map<String, Object> toMap(TransportSecurity security) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (security.isPlain()) {
            m.put("mechanism", "plain");
            m.put("allow_remote", security.allowsInsecureRemote());
            return m;
        }
        if (!(security instanceof CurveSecurity c)) {
            throw new IllegalArgumentException("cannot hand socket security " + security + " to a child process");
        }
        m.put("mechanism", "curve");
        m.put("public_key", c.keyPair().publicKey());
        m.put("secret_key", c.keyPair().secretKey());
        if (c.explicitServerKey() != null) {
            m.put("server_key", c.explicitServerKey());
        }
        m.put("allowed_clients", new ArrayList<>(new TreeSet<>(c.allowedClients())));
        if (c.authorizedKeys() != null) {
            m.put("authorized_dir", c.authorizedKeys().directory().toString());
        }
        return m;
    }

    static TransportSecurity fromMap(Object value) throws IOException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IOException("bootstrap configuration: 'security' must be an object");
        }
        Object mechanism = m.get("mechanism");
        if ("plain".equals(mechanism)) {
            return TransportSecurity.plain(Boolean.TRUE.equals(m.get("allow_remote")));
        }
        if (!"curve".equals(mechanism)) {
            throw new IOException("bootstrap configuration: security mechanism must be curve or plain, got " + mechanism);
        }
        try {
            KeyPair keys = new KeyPair(text(m, "public_key"), text(m, "secret_key"));
            CurveSecurity.Builder b = CurveSecurity.builder(keys).origin("the parent process")
                    .allowClients(BootstrapConfig.strings(m.get("allowed_clients"), "security.allowed_clients"));
            if (m.get("server_key") != null) {
                b.serverKey(text(m, "server_key"));
            }
            if (m.get("authorized_dir") != null) {
                b.authorizedKeys(AuthorizedKeys.in(Path.of(text(m, "authorized_dir"))));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("bootstrap configuration: bad security keys: " + e.getMessage(), e);
        }
    }

    private static String text(Map<?, ?> m, String key) throws IOException {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IOException("bootstrap configuration: security '" + key + "' must be text");
    }
}

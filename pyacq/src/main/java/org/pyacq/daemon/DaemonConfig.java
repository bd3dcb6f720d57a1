package org.pyacq.daemon;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.transport.Endpoints;

/**
 * The daemon's settings: from {@code conf/pyacqd.conf} (a properties file; every setting and its
 * default is documented there), then command-line overrides. Children declared as
 * {@code child.NAME.KEY = value} start with the daemon.
 *
 * @param runtimeDir where the runtime file and lock live
 * @param address where the control server binds
 * @param logAddress where the log server binds
 * @param logFeedAddress where live log records are re-published
 * @param logLevel the daemon's own log level (Python number)
 * @param logHistory how many records are kept in memory for {@code pyacq logs}
 * @param stopGrace how long a child may take to exit after being asked to stop
 * @param restartBackoff first delay before a restart; doubles on each failure in a row
 * @param restartBackoffMax longest delay before a restart
 * @param children children to start with the daemon
 * @param insecure plain sockets without authentication (to talk to stock Python pyacq); off by default
 * @param allowInsecureRemote with {@code insecure}, also allow binding addresses other machines can reach
 * @param accessPolicy what remote callers of the children may import or reach, or null for everything
 * @param warmSpares whether children start from warm spare JVMs (see {@code SpawnOptions.Builder.warmSpare})
 * @param leaseTime how long the daemon and its children keep a Java client's references without a
 *     lease renewal (docs/LIFETIME.md)
 * @param idleExpiry after how long without a request a stock pyacq client's references are dropped
 *     by the daemon and its children, or null for never (pyacq semantics)
 */
public record DaemonConfig(Path runtimeDir, String address, String logAddress, String logFeedAddress, int logLevel,
        int logHistory, Duration stopGrace, Duration restartBackoff, Duration restartBackoffMax,
        List<ChildSpec> children, boolean insecure, boolean allowInsecureRemote, PackageAccessPolicy accessPolicy,
        boolean warmSpares, Duration leaseTime, Duration idleExpiry) {

    /**
     * JVM options that give a child the daemon's lease settings (its server reads them as defaults).
     */
    public List<String> leaseJvmOptions() {
        List<String> out = new ArrayList<>();
        out.add("-Dpyacq.lease.seconds=" + String.format(java.util.Locale.ROOT, "%.3f", leaseTime.toMillis() / 1000.0));
        if (idleExpiry != null) {
            out.add("-Dpyacq.idleExpiry.seconds="
                    + String.format(java.util.Locale.ROOT, "%.3f", idleExpiry.toMillis() / 1000.0));
        }
        return out;
    }

    /** Settings the configuration file may hold (besides {@code child.NAME.KEY}). */
    public static final Set<String> KEYS = Set.of("runtime_dir", "address", "log_address", "log_feed_address",
            "log_level", "log_history", "stop_grace", "restart_backoff", "restart_backoff_max", "insecure",
            "allow_insecure_remote", "access_allow", "access_deny", "warm_spares", "lease_seconds",
            "idle_expiry_seconds");

    public DaemonConfig {
        children = List.copyOf(children);
        if (logHistory < 0) {
            throw new IllegalArgumentException("log_history must be 0 or more, got " + logHistory);
        }
        if (allowInsecureRemote && !insecure) {
            throw new IllegalArgumentException("allow_insecure_remote only makes sense with insecure = true (secure "
                    + "sockets may bind any address)");
        }
    }

    /** All defaults: loopback addresses, 10000 records of history, 5 s stop grace, 1 s to 60 s back-off. */
    public static DaemonConfig defaults() {
        return fromSettings(Map.of());
    }

    /** Prefix of environment variables that override settings: {@code PYACQD_LOG_LEVEL=debug} sets log_level. */
    public static final String ENV_PREFIX = "PYACQD_";

    /**
     * Settings from environment variables {@code PYACQD_<SETTING>} (upper case), e.g.
     * {@code PYACQD_ADDRESS=tcp://0.0.0.0:7600} — the way containers configure the daemon.
     */
    public static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX)) {
                String key = e.getKey().substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
                if (KEYS.contains(key)) {
                    out.put(key, e.getValue());
                }
            }
        }
        return out;
    }

    /**
     * Reads a configuration file (missing file: defaults) and applies {@code overrides} on top.
     *
     * @throws IllegalArgumentException naming the file, the setting and what is wrong
     */
    public static DaemonConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("configuration file " + file + " does not exist");
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
            p.stringPropertyNames().forEach(k -> settings.put(k.trim(), p.getProperty(k).trim()));
        }
        settings.putAll(overrides);
        try {
            return fromSettings(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((file != null ? file + ": " : "") + e.getMessage(), e);
        }
    }

    static DaemonConfig fromSettings(Map<String, String> s) {
        Map<String, Map<String, Object>> children = new TreeMap<>();
        for (Map.Entry<String, String> e : s.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("child.")) {
                int dot = key.indexOf('.', 6);
                if (dot < 0) {
                    throw new IllegalArgumentException("'" + key + "' should be child.NAME.SETTING");
                }
                String name = key.substring(6, dot);
                children.computeIfAbsent(name, n -> new LinkedHashMap<>(Map.of("name", n)))
                        .put(key.substring(dot + 1), e.getValue());
            } else if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known settings are "
                        + new java.util.TreeSet<>(KEYS) + " and child.NAME.SETTING");
            }
        }
        List<ChildSpec> specs = new ArrayList<>();
        for (Map<String, Object> c : children.values()) {
            try {
                specs.add(ChildSpec.fromMap(c));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("child '" + c.get("name") + "': " + ex.getMessage(), ex);
            }
        }
        return new DaemonConfig(
                s.containsKey("runtime_dir") && !s.get("runtime_dir").isBlank() ? Path.of(s.get("runtime_dir"))
                        : RuntimeDirectory.defaultPath(),
                s.getOrDefault("address", "tcp://127.0.0.1:*"),
                s.getOrDefault("log_address", "tcp://127.0.0.1:*"),
                s.getOrDefault("log_feed_address", feedBesideControl(s.getOrDefault("address", "tcp://127.0.0.1:*"))),
                LogLevels.parse(s.getOrDefault("log_level", "info")),
                integer(s, "log_history", 10000),
                seconds(s, "stop_grace", 5),
                seconds(s, "restart_backoff", 1),
                seconds(s, "restart_backoff_max", 60),
                specs,
                bool(s, "insecure", false),
                bool(s, "allow_insecure_remote", false),
                accessPolicy(s),
                bool(s, "warm_spares", true),
                seconds(s, "lease_seconds", 300),
                s.containsKey("idle_expiry_seconds") && !s.get("idle_expiry_seconds").isBlank()
                        && !s.get("idle_expiry_seconds").trim().equals("0") ? seconds(s, "idle_expiry_seconds", 1) : null);
    }

    /**
     * Where the live log feed binds unless configured: on the control address's host (any port), so
     * that a daemon reachable from other hosts can be followed from them ({@code pyacq logs -f}).
     */
    static String feedBesideControl(String controlAddress) {
        String host = Endpoints.host(controlAddress);
        if (host == null || Endpoints.isLoopback(controlAddress)) {
            return "tcp://127.0.0.1:*";
        }
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":*";
    }

    private static boolean bool(Map<String, String> s, String key, boolean def) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true": case "yes": case "on": case "1":
                return true;
            case "false": case "no": case "off": case "0":
                return false;
            default:
                throw new IllegalArgumentException("'" + key + "' must be true or false, got '" + v + "'");
        }
    }

    private static PackageAccessPolicy accessPolicy(Map<String, String> s) {
        List<String> allow = prefixes(s.get("access_allow"));
        List<String> deny = prefixes(s.get("access_deny"));
        if (allow.isEmpty() && deny.isEmpty()) {
            return null;
        }
        if (!allow.isEmpty()) {
            allow.add(RemoteLogLevel.class.getName());   // the daemon's own 'set log level' goes through it
        }
        try {
            return PackageAccessPolicy.of(allow, deny);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access_allow / access_deny: " + e.getMessage(), e);
        }
    }

    private static List<String> prefixes(String v) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static int integer(Map<String, String> s, String key, int def) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, got '" + v + "'");
        }
    }

    private static Duration seconds(Map<String, String> s, String key, double def) {
        String v = s.get(key);
        double d = def;
        if (v != null && !v.isBlank()) {
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "' must be a number of seconds, got '" + v + "'");
            }
        }
        if (!(d > 0)) {
            throw new IllegalArgumentException("'" + key + "' must be positive, got '" + v + "'");
        }
        return Duration.ofMillis((long) (d * 1000));
    }
}

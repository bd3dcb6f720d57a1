package org.pyacq.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.spawn.SpawnOptions;

/**
 * What the daemon needs to start (and restart) one child: spawn options plus a restart policy.
 * Built from a map (remote callers, the CLI) or from {@code child.NAME.KEY} configuration entries;
 * the keys are those of {@link #KEYS}.
 *
 * @param name the child's name
 * @param jvmOptions JVM options, e.g. {@code -Xmx256m}
 * @param classPath extra class path entries
 * @param environment extra environment variables
 * @param workingDirectory working directory, or null
 * @param logLevel Python logging level of the child
 * @param startupClass class to initialize at start, or null
 * @param startupTimeout time allowed to report the address
 * @param bindAddress where the child's server binds
 * @param restart restart policy
 * @param maxRestarts restarts allowed in a row before giving up (a child that ran a minute counts afresh)
 */
public record ChildSpec(String name, List<String> jvmOptions, List<String> classPath, Map<String, String> environment,
        Path workingDirectory, int logLevel, String startupClass, Duration startupTimeout, String bindAddress,
        RestartPolicy restart, int maxRestarts) {

    /** Keys accepted in a spec map and in {@code child.NAME.KEY} configuration entries. */
    public static final Set<String> KEYS = Set.of("name", "jvm_options", "classpath", "env", "cwd", "log_level",
            "startup_class", "startup_timeout", "bind", "restart", "max_restarts");

    public ChildSpec {
        jvmOptions = List.copyOf(jvmOptions);
        classPath = List.copyOf(classPath);
        environment = Map.copyOf(environment);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("max_restarts must be 0 or more, got " + maxRestarts);
        }
    }

    /**
     * Spawn options for this child, sending logs to {@code logAddress}, limiting its callers by
     * {@code accessPolicy} (null: no limit), starting from a warm spare if {@code warmSpare}.
     */
    SpawnOptions toSpawnOptions(String logAddress, PackageAccessPolicy accessPolicy, boolean warmSpare) {
        return toSpawnOptions(logAddress, accessPolicy, warmSpare, List.of());
    }

    /** Like the above, with {@code extraJvmOptions} before the child's own (which may override them). */
    SpawnOptions toSpawnOptions(String logAddress, PackageAccessPolicy accessPolicy, boolean warmSpare,
            List<String> extraJvmOptions) {
        List<String> options = new java.util.ArrayList<>(extraJvmOptions);
        options.addAll(jvmOptions);
        SpawnOptions.Builder b = SpawnOptions.builder(name).jvmOptions(options).logAddress(logAddress)
                .logLevel(logLevel).startupTimeout(startupTimeout).bindAddress(bindAddress)
                .startupClass(startupClass).workingDirectory(workingDirectory).accessPolicy(accessPolicy)
                .warmSpare(warmSpare);
        if (!classPath.isEmpty()) {
            b.extraClassPath(classPath.toArray(String[]::new));
        }
        environment.forEach(b::environment);
        return b.build();
    }

    /**
     * Reads a spec from a map such as {@code {"name": "w1", "jvm_options": ["-Xmx256m"], "restart": "on-failure"}}.
     *
     * @throws IllegalArgumentException naming the key that is wrong and what it takes
     */
    public static ChildSpec fromMap(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("unknown child setting '" + k + "'; known settings are "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        Object name = m.get("name");
        if (!(name instanceof String n) || n.isBlank()) {
            throw new IllegalArgumentException("a child needs a 'name'");
        }
        ChildSpec spec = new ChildSpec(n, strings(m.get("jvm_options"), "jvm_options", " "),
                strings(m.get("classpath"), "classpath", java.io.File.pathSeparator), env(m.get("env")),
                m.get("cwd") == null ? null : Path.of(m.get("cwd").toString()),
                LogLevels.parse(m.get("log_level") == null ? "info" : m.get("log_level").toString()),
                m.get("startup_class") == null ? null : m.get("startup_class").toString(),
                m.get("startup_timeout") == null ? Duration.ofSeconds(30) : seconds(m.get("startup_timeout")),
                m.get("bind") == null ? "tcp://127.0.0.1:*" : m.get("bind").toString(),
                m.get("restart") == null ? RestartPolicy.NO : RestartPolicy.parse(m.get("restart").toString()),
                m.get("max_restarts") == null ? 5 : integer(m.get("max_restarts"), "max_restarts"));
        spec.toSpawnOptions(null, null, false);
        return spec;
    }

    /** The spec as a map (the inverse of {@link #fromMap}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("jvm_options", jvmOptions);
        m.put("classpath", classPath);
        m.put("env", environment);
        m.put("cwd", workingDirectory == null ? null : workingDirectory.toString());
        m.put("log_level", LogLevels.name(logLevel));
        m.put("startup_class", startupClass);
        m.put("startup_timeout", startupTimeout.toMillis() / 1000.0);
        m.put("bind", bindAddress);
        m.put("restart", restart.toString());
        m.put("max_restarts", maxRestarts);
        return m;
    }

    private static List<String> strings(Object v, String key, String separator) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(o -> out.add(String.valueOf(o)));
            return out;
        }
        if (v instanceof String s) {
            List<String> out = new ArrayList<>();
            for (String part : s.trim().split(separator.equals(" ") ? "\\s+" : java.util.regex.Pattern.quote(separator))) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        throw new IllegalArgumentException("'" + key + "' must be a list or text, got " + v);
    }

    private static Map<String, String> env(Object v) {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, String> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
            return out;
        }
        if (v instanceof String s) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String pair : s.trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'env' entry '" + pair + "' is not KEY=VALUE");
                }
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return out;
        }
        throw new IllegalArgumentException("'env' must be a map or KEY=VALUE text, got " + v);
    }

    private static Duration seconds(Object v) {
        double s;
        try {
            s = v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'startup_timeout' must be a number of seconds, got " + v);
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("'startup_timeout' must be positive, got " + v);
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    private static int integer(Object v, String key) {
        try {
            return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, got " + v);
        }
    }
}

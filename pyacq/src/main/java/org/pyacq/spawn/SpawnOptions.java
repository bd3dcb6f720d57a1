package org.pyacq.spawn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.transport.Endpoints;

/**
 * How to start a child JVM. Built with {@link #builder(String)}; {@link Builder#build()} checks
 * every value.
 *
 * <pre>{@code
 * SpawnOptions opts = SpawnOptions.builder("worker-1")
 *         .jvmOptions("-Xmx512m")
 *         .logAddress(logServer.address())
 *         .startupTimeout(Duration.ofSeconds(20))
 *         .build();
 * }</pre>
 *
 * @param name process name: shown in logs and client identities, and the child's argument
 * @param bindAddress where the child's RPC server binds (default {@code tcp://127.0.0.1:*})
 * @param jvmOptions options for the child's JVM, e.g. {@code -Xmx512m}
 * @param classPath the child's class path (default: this JVM's)
 * @param environment variables added to the inherited environment
 * @param workingDirectory the child's working directory (default: this process's)
 * @param logAddress log server the child sends its records to (null: the child logs to its stderr,
 *     which this process forwards)
 * @param logLevel Python logging level for the child (10 debug, 20 info, 30 warning, 40 error)
 * @param javaExecutable the {@code java} command (default: the one running this JVM)
 * @param startupTimeout how long the child may take to report its address
 * @param startupClass a class to initialize in the child before it serves (its
 *     {@code public static void onStart(org.pyacq.rpc.RpcServer)} runs if present), or null
 * @param classDataSharing whether to use a class-data sharing archive for faster starts
 * @param accessPolicy what remote callers of the child may import or reach, or null for everything
 * @param warmSpare whether to start the child from a warm spare JVM when one matches, and to keep
 *     one warming for the next spawn with the same command line (see {@link Builder#warmSpare})
 */
public record SpawnOptions(String name, String bindAddress, List<String> jvmOptions, List<String> classPath,
        Map<String, String> environment, Path workingDirectory, String logAddress, int logLevel,
        Path javaExecutable, Duration startupTimeout, String startupClass, boolean classDataSharing,
        PackageAccessPolicy accessPolicy, boolean warmSpare) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}");

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.bindAddress = bindAddress;
        b.jvmOptions.addAll(jvmOptions);
        b.classPath = classPath;
        b.environment.putAll(environment);
        b.workingDirectory = workingDirectory;
        b.logAddress = logAddress;
        b.logLevel = logLevel;
        b.javaExecutable = javaExecutable;
        b.startupTimeout = startupTimeout;
        b.startupClass = startupClass;
        b.classDataSharing = classDataSharing;
        b.accessPolicy = accessPolicy;
        b.warmSpare = warmSpare;
        return b;
    }

    /** Builds {@link SpawnOptions}. */
    public static final class Builder {
        private final String name;
        private String bindAddress = "tcp://127.0.0.1:*";
        private final List<String> jvmOptions = new ArrayList<>();
        private List<String> classPath;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private String logAddress;
        private int logLevel = 20;
        private Path javaExecutable;
        private Duration startupTimeout = Duration.ofSeconds(30);
        private String startupClass;
        private boolean classDataSharing = true;
        private PackageAccessPolicy accessPolicy;
        private boolean warmSpare;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder jvmOptions(String... options) {
            this.jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.jvmOptions.addAll(options);
            return this;
        }

        /** Replaces the class path (default: this JVM's). */
        public Builder classPath(List<String> entries) {
            this.classPath = List.copyOf(entries);
            return this;
        }

        /** Adds entries after the class path. */
        public Builder extraClassPath(String... entries) {
            List<String> cp = new ArrayList<>(classPath != null ? classPath : defaultClassPath());
            cp.addAll(List.of(entries));
            this.classPath = cp;
            return this;
        }

        public Builder environment(String key, String value) {
            this.environment.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder logAddress(String address) {
            this.logAddress = address;
            return this;
        }

        /** Python level: 10 debug, 20 info, 30 warning, 40 error, 50 critical. */
        public Builder logLevel(int pythonLevel) {
            this.logLevel = pythonLevel;
            return this;
        }

        public Builder javaExecutable(Path java) {
            this.javaExecutable = java;
            return this;
        }

        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder startupClass(String className) {
            this.startupClass = className;
            return this;
        }

        public Builder classDataSharing(boolean enabled) {
            this.classDataSharing = enabled;
            return this;
        }

        /**
         * Limits what remote callers of the child may import or reach (allow and deny prefixes,
         * checked on every import, attribute walk and constructor call); null (the default) allows
         * everything. Travels to the child on its stdin.
         */
        public Builder accessPolicy(PackageAccessPolicy policy) {
            this.accessPolicy = policy;
            return this;
        }

        /**
         * Faster starts from warm spares (default off). After such a spawn the spawner starts, in the
         * background, one spare JVM with the same command line, environment and working directory,
         * which loads and initializes what a child needs and then waits for its configuration; the
         * next spawn with these options (whatever its name) takes it instead of starting a JVM.
         * At most one idle spare per command line and two in the process; {@link
         * ProcessSpawner#discardSpares()} kills them, and they exit by themselves when this process
         * dies. A spare costs an idle JVM's memory until it is used.
         */
        public Builder warmSpare(boolean enabled) {
            this.warmSpare = enabled;
            return this;
        }

        public SpawnOptions build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("process name '" + name + "' is not allowed: use 1 to 64 letters, "
                        + "digits and _ . @ + - (starting with a letter or digit)");
            }
            Endpoints.validate(bindAddress);
            if (logAddress != null) {
                Endpoints.validate(logAddress);
            }
            if (logLevel < 0 || logLevel > 50) {
                throw new IllegalArgumentException("log level " + logLevel + " is not a Python logging level: use 10 "
                        + "(debug), 20 (info), 30 (warning), 40 (error) or 50 (critical)");
            }
            if (startupTimeout.isNegative() || startupTimeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive, got " + startupTimeout);
            }
            for (String o : jvmOptions) {
                if (o == null || !o.startsWith("-")) {
                    throw new IllegalArgumentException("JVM option '" + o + "' does not start with '-'; pass options "
                            + "such as -Xmx512m or -Dkey=value");
                }
            }
            Path java = javaExecutable != null ? javaExecutable : currentJava();
            if (!Files.isExecutable(java)) {
                throw new IllegalArgumentException("java executable " + java + " does not exist or is not executable");
            }
            if (workingDirectory != null && !Files.isDirectory(workingDirectory)) {
                throw new IllegalArgumentException("working directory " + workingDirectory + " does not exist");
            }
            return new SpawnOptions(name, bindAddress, List.copyOf(jvmOptions),
                    classPath != null ? classPath : defaultClassPath(), Map.copyOf(nonNullValues(environment)),
                    workingDirectory, logAddress, logLevel, java, startupTimeout, startupClass, classDataSharing,
                    accessPolicy, warmSpare);
        }

        private static Map<String, String> nonNullValues(Map<String, String> env) {
            Map<String, String> out = new LinkedHashMap<>();
            env.forEach((k, v) -> out.put(k, v == null ? "" : v));
            return out;
        }
    }

    static List<String> defaultClassPath() {
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    }

    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}

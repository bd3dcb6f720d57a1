package org.pyacq.cli.present;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pyacq.daemon.RestartPolicy;
import picocli.CommandLine.Option;

/**
 * The options of a new process, the same for {@code pyacq spawn NAME} and the REPL's
 * {@code :spawn NAME}: a picocli mixin that both commands include, read as the daemon's
 * {@code spawn} map by {@link #spec}.
 *
 * <pre>{@code
 * @Mixin SpawnOptions options;
 * ...
 * daemon.spawn(options.spec(name));
 * }</pre>
 */
public final class SpawnOptions {
    /** Extra time given to a call that starts a process, beyond the process's own start-up timeout. */
    public static final Duration START_MARGIN = Duration.ofSeconds(15);

    @Option(names = {"-J", "--jvm-option"}, paramLabel = "OPTION",
            description = "A JVM option, e.g. --jvm-option=-Xmx512m. Repeatable.")
    private List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Extra class path entries (separated by ':'), after pyacq's own. Repeatable.")
    private List<String> classPath = new ArrayList<>();

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An environment variable. Repeatable.")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--cwd", paramLabel = "DIR", description = "Working directory (default: the daemon's).")
    private Path cwd;

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "no", converter = OptionConverters.Restart.class,
            description = "When the daemon starts it again after it exits by itself: no, on-failure (non-zero "
                    + "exit or killed) or always (default: ${DEFAULT-VALUE}). Never after stop or kill.")
    private RestartPolicy restart;

    @Option(names = "--max-restarts", paramLabel = "N", defaultValue = "5", converter = OptionConverters.Count.class,
            description = "Automatic restarts in a row before giving up (default: ${DEFAULT-VALUE}).")
    private int maxRestarts;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            converter = OptionConverters.LogLevel.class,
            description = "The process's log level: debug, info, warning, error, critical, or 0 to 50 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String logLevel;

    @Option(names = "--startup-class", paramLabel = "CLASS",
            description = "A class initialized at start; its static onStart(RpcServer) runs if it has one "
                    + "(e.g. to publish objects).")
    private String startupClass;

    @Option(names = "--startup-timeout", paramLabel = "SECONDS", defaultValue = "30",
            converter = OptionConverters.PositiveSeconds.class,
            description = "How long the process may take to start serving before it is killed "
                    + "(default: ${DEFAULT-VALUE}).")
    private double startupTimeout;

    @Option(names = "--bind", paramLabel = "ENDPOINT",
            description = "Where the process's RPC server binds (default: tcp://127.0.0.1:*).")
    private String bind;

    /** The daemon's {@code spawn} map for a process named {@code name} (keys of {@code ChildSpec.KEYS}). */
    public Map<String, Object> spec(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("jvm_options", List.copyOf(jvmOptions));
        spec.put("classpath", List.copyOf(classPath));
        spec.put("env", new LinkedHashMap<>(env));
        if (cwd != null) {
            spec.put("cwd", cwd.toAbsolutePath().toString());
        }
        spec.put("restart", restart.toString());
        spec.put("max_restarts", maxRestarts);
        spec.put("log_level", logLevel);
        if (startupClass != null) {
            spec.put("startup_class", startupClass);
        }
        spec.put("startup_timeout", startupTimeout);
        if (bind != null) {
            spec.put("bind", bind);
        }
        return spec;
    }

    /** How long the process may take to start. */
    public Duration startupTimeout() {
        return Duration.ofMillis((long) (startupTimeout * 1000));
    }

    /** How long to wait for the daemon's answer to {@code spawn}: the start-up timeout and {@link #START_MARGIN}. */
    public Duration answerTimeout() {
        return startupTimeout().plus(START_MARGIN);
    }
}

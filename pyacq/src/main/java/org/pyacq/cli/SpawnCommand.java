package org.pyacq.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.daemon.DaemonSession;
import org.pyacq.daemon.RestartPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pyacq spawn NAME}: starts a supervised process. */
@Command(name = "spawn", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Start a JVM process under the daemon's supervision.",
        description = {
            "Starts a JVM process under the daemon's supervision and waits until it serves RPC requests.",
            "",
            "The process runs an RPC server with 'self' (the server) published; reach it with 'pyacq call', "
                    + "'pyacq eval' or from code through its address ('pyacq ps'). Its stdout, stderr and log "
                    + "records go to the daemon's log ('pyacq logs'). If it cannot start, its own error text is "
                    + "printed and the exit code is 4.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq spawn w1",
            "  pyacq spawn acq --jvm-option=-Xmx2g --classpath lib/acq.jar \\",
            "      --startup-class org.lab.AcqStartup --restart on-failure --max-restarts 10",
            "  pyacq spawn w2 --env LAB_MODE=test --log-level debug --json"})
final class SpawnCommand extends SessionCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The process's name, unique in the daemon.")
    private String name;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "A JVM option, e.g. --jvm-option=-Xmx512m. Repeatable.")
    private List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Extra class path entries (separated by ':'), after pyacq's own. Repeatable.")
    private List<String> classPath = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable. Repeatable.")
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

    @Option(names = "--json", description = "Print the process's description as JSON.")
    private boolean json;

    @Override
    int run(DaemonSession session) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("jvm_options", jvmOptions);
        spec.put("classpath", classPath);
        spec.put("env", env);
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
        Map<String, Object> started = new DaemonCalls(session).spawn(spec,
                Duration.ofMillis((long) (startupTimeout * 1000)));
        out().println(json ? JsonText.write(started)
                : "started " + name + ": pid " + started.get("pid") + " at " + started.get("address"));
        return CliExitCodes.OK;
    }
}

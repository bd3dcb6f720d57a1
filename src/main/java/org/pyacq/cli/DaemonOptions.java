package org.pyacq.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pyacq.cli.present.OptionConverters;
import org.pyacq.daemon.DaemonConfig;
import picocli.CommandLine.Option;

/**
 * The daemon's settings as options, one per setting of {@code conf/pyacqd.conf}; an option given
 * overrides the file. Shared by {@code pyacq daemon} and {@code pyacqd}.
 */
public final class DaemonOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Read the settings from FILE (Java properties; conf/pyacqd.conf documents every setting). "
                    + "Default: conf/pyacqd.conf next to the application, if there is one.")
    private Path config;

    @Option(names = "--no-config", description = "Read no configuration file: defaults and options only.")
    private boolean noConfig;

    @Option(names = "--address", paramLabel = "ENDPOINT",
            description = "Where the control server binds. Default: tcp://127.0.0.1:* (a free port on loopback); "
                    + "keep it on loopback unless you use secure sockets.")
    private String address;

    @Option(names = "--log-address", paramLabel = "ENDPOINT",
            description = "Where the log server binds; processes send their log records there. "
                    + "Default: tcp://127.0.0.1:*.")
    private String logAddress;

    @Option(names = "--log-feed-address", paramLabel = "ENDPOINT",
            description = "Where live log records are re-published for 'pyacq logs -f'. Default: tcp://127.0.0.1:*.")
    private String logFeedAddress;

    @Option(names = "--log-level", paramLabel = "LEVEL", converter = OptionConverters.LogLevel.class,
            description = "The daemon's own log level: debug, info, warning, error, critical, or 0 to 50. "
                    + "Default: info.")
    private String logLevel;

    @Option(names = "--log-history", paramLabel = "N", converter = OptionConverters.Count.class,
            description = "How many recent log records the daemon keeps for 'pyacq logs'. Default: 10000.")
    private Integer logHistory;

    @Option(names = "--stop-grace", paramLabel = "SECONDS", converter = OptionConverters.PositiveSeconds.class,
            description = "How long a process may take to exit after being asked to stop, before it is killed. "
                    + "Default: 5.")
    private Double stopGrace;

    @Option(names = "--restart-backoff", paramLabel = "SECONDS", converter = OptionConverters.PositiveSeconds.class,
            description = "Delay before the first automatic restart of a failed process; it doubles on each "
                    + "failure in a row. Default: 1.")
    private Double restartBackoff;

    @Option(names = "--restart-backoff-max", paramLabel = "SECONDS",
            converter = OptionConverters.PositiveSeconds.class,
            description = "Longest delay before an automatic restart. Default: 60.")
    private Double restartBackoffMax;

    @Option(names = "--access-allow", paramLabel = "PREFIXES",
            description = "Packages or classes (comma-separated prefixes) that remote callers of the daemon's "
                    + "processes may reach; everything else is refused. Default: no limit.")
    private String accessAllow;

    @Option(names = "--access-deny", paramLabel = "PREFIXES",
            description = "Packages or classes (comma-separated prefixes) that remote callers may not reach; "
                    + "wins over --access-allow. Default: none.")
    private String accessDeny;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any setting of the configuration file, e.g. child.acq.restart=on-failure declares a "
                    + "process 'acq' started with the daemon. Repeatable; the options above win over it.")
    private Map<String, String> settings = new LinkedHashMap<>();

    /** The configuration file to read: --config, else the one next to the application, else none. */
    Path configFile() {
        if (noConfig) {
            return null;
        }
        return config != null ? config : AppHome.defaultConfig().orElse(null);
    }

    /**
     * The settings: the configuration file, then {@code --set}, then the other options.
     *
     * @param runtimeDir the runtime directory given on the command line, or null
     * @throws CommandException (usage, exit 2) naming the file or setting that is wrong
     */
    DaemonConfig toConfig(Path runtimeDir, SecurityOptions security) {
        // the configuration file, then PYACQD_* environment variables, then --set, then the options
        Map<String, String> overrides = new LinkedHashMap<>(DaemonConfig.fromEnvironment(System.getenv()));
        overrides.putAll(settings);
        overrides.putAll(security.daemonSettings());
        putIfGiven(overrides, "access_allow", accessAllow);
        putIfGiven(overrides, "access_deny", accessDeny);
        putIfGiven(overrides, "runtime_dir", runtimeDir == null ? null : runtimeDir.toString());
        putIfGiven(overrides, "address", address);
        putIfGiven(overrides, "log_address", logAddress);
        putIfGiven(overrides, "log_feed_address", logFeedAddress);
        putIfGiven(overrides, "log_level", logLevel);
        putIfGiven(overrides, "log_history", logHistory == null ? null : logHistory.toString());
        putIfGiven(overrides, "stop_grace", stopGrace == null ? null : OptionConverters.seconds(stopGrace));
        putIfGiven(overrides, "restart_backoff", restartBackoff == null ? null
                : OptionConverters.seconds(restartBackoff));
        putIfGiven(overrides, "restart_backoff_max", restartBackoffMax == null ? null
                : OptionConverters.seconds(restartBackoffMax));
        try {
            return DaemonConfig.load(configFile(), overrides);
        } catch (IllegalArgumentException e) {
            throw new CommandException(CliExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static void putIfGiven(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}

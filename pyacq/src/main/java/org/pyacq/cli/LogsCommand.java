package org.pyacq.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pyacq.cli.present.LogLineFormat;
import org.pyacq.cli.present.OptionConverters;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.log.ConsoleColor;
import org.pyacq.log.PythonLevels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pyacq logs}: recent log records, and with {@code -f} the live ones. */
@Command(name = "logs", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Print the recent log of the daemon and its processes; follow it with -f.",
        description = {
            "Prints recent log records kept by the daemon: its own, its processes' records, and the lines its "
                    + "processes write to stdout and stderr, oldest first, as [host:process:thread] LEVEL "
                    + "message. With -f, keeps printing new records as they come, until Ctrl-C.",
            "",
            "Colours are used on a terminal only (see --color; NO_COLOR turns them off).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq logs -n 20",
            "  pyacq logs -f --process w1 --level warning",
            "  pyacq logs --json --level error | jq -r .msg"})
final class LogsCommand extends SessionCommand {
    @Option(names = {"-f", "--follow"}, description = "After the recent records, print new ones until Ctrl-C.")
    private boolean follow;

    @Option(names = "--process", paramLabel = "NAME", description = "Only the records of this process "
            + "(pyacqd for the daemon's own).")
    private String process;

    @Option(names = "--level", paramLabel = "LEVEL", converter = OptionConverters.LogLevel.class,
            description = "Only records at this level or above: debug, info, warning, error, critical, or 0 to 50.")
    private String level;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100", converter = OptionConverters.Count.class,
            description = "How many recent records to print (default: ${DEFAULT-VALUE}; 0 with -f: only new ones).")
    private int lines;

    @Option(names = "--json", description = "Print each record as one JSON object per line (pyacq's record fields).")
    private boolean json;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (on a terminal), always or never (default: ${DEFAULT-VALUE}).")
    private String color;

    @Override
    @SuppressWarnings("try")   // the signal handlers are in place for the block; nothing calls them
    int run(DaemonSession session) {
        ConsoleColor when;
        try {
            when = ConsoleColor.parse(color);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--color': '" + color + "' is not auto, always or never");
        }
        LogLineFormat format = new LogLineFormat(!json && when.enabled());
        PrintWriter out = out();
        if (!follow) {
            recent(session).forEach(r -> print(out, format, r));
            return CliExitCodes.OK;
        }
        String feed = session.runtime().logFeedAddress();
        if (feed == null) {
            throw new CommandException(CliExitCodes.FAILURE, "the daemon at " + session.runtime().address()
                    + " publishes no live log feed (daemon.json has no log_feed_address)");
        }
        try (LogFollower follower = new LogFollower(feed);
                ShutdownSignals signals = root.ownsProcess()
                        ? ShutdownSignals.install(root.cancellation(), true) : null) {
            // subscribed before reading the history, so nothing falls between; what is in both is printed once
            List<Map<String, Object>> history = recent(session);
            Set<String> printed = new HashSet<>();
            for (Map<String, Object> r : history) {
                print(out, format, r);
                printed.add(identity(r));
            }
            err().println("following the log of the daemon at " + session.runtime().address() + "; Ctrl-C stops");
            err().flush();
            int minLevel = level == null ? 0 : levelNumber(level);
            LogFollower.End end = follower.follow(r -> {
                if (matches(r, minLevel) && (printed.isEmpty() || !printed.remove(identity(r)))) {
                    print(out, format, r);
                }
            }, root.cancellation(), session::daemonAlive);
            if (end == LogFollower.End.DAEMON_GONE) {
                throw new CommandException(CliExitCodes.UNREACHABLE, session.remote()
                        ? "the daemon at " + session.runtime().address() + " no longer answers; no more records"
                        : "the daemon (pid " + session.runtime().pid() + ") is gone; no more records");
            }
        }
        return CliExitCodes.OK;
    }

    private List<Map<String, Object>> recent(DaemonSession session) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (process != null) {
            query.put("process", process);
        }
        if (level != null) {
            query.put("level", level);
        }
        query.put("limit", lines);
        return new DaemonCalls(session).logs(query);
    }

    private boolean matches(Map<String, Object> r, int minLevel) {
        if (process != null && !process.equals(r.get("process_name"))) {
            return false;
        }
        return !(r.get("levelno") instanceof Number n) || n.intValue() >= minLevel;
    }

    private void print(PrintWriter out, LogLineFormat format, Map<String, Object> r) {
        out.println(json ? JsonText.write(r) : format.format(r));
        out.flush();
        if (out.checkError()) {
            // the reader went away (e.g. 'pyacq logs -f | head'): stop following
            root.cancellation().cancel("stdout is closed");
        }
    }

    /** Enough to tell a record seen in the history from a new one. */
    private static String identity(Map<String, Object> r) {
        return r.get("created") + "|" + r.get("process_name") + "|" + r.get("thread_name") + "|" + r.get("msg");
    }

    private static int levelNumber(String level) {
        int byName = PythonLevels.parseName(level);
        return byName >= 0 ? byName : Integer.parseInt(level);
    }
}

package org.pyacq.cli;

import java.util.Map;
import org.pyacq.daemon.DaemonSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop}, {@code kill} and {@code restart}: one action on one process, then its description. */
abstract class ProcessActionCommand extends SessionCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The process's name (see 'pyacq ps').")
    String name;

    @Option(names = "--json", description = "Print the process's description afterwards as JSON.")
    boolean json;

    @Override
    final int run(DaemonSession session) {
        Map<String, Object> after = act(new DaemonCalls(session));
        out().println(json ? JsonText.write(after) : describe(after));
        return CliExitCodes.OK;
    }

    abstract Map<String, Object> act(DaemonCalls daemon);

    /** The plain one-line result. */
    abstract String describe(Map<String, Object> after);

    static String exitCode(Map<String, Object> after) {
        return after.get("exit_code") == null ? "" : " (exit code " + after.get("exit_code") + ")";
    }
}

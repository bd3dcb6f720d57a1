package org.pyacq.cli;

import java.util.List;
import java.util.Map;
import org.pyacq.cli.present.ProcessTable;
import org.pyacq.cli.session.DaemonSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pyacq ps}: the daemon's processes. */
@Command(name = "ps", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "List the daemon's processes.",
        description = {
            "Lists the daemon's processes: NAME, STATUS (starting, running, stopping, stopped, exited, failed, "
                    + "backoff, gave-up), PID, ADDRESS (RPC endpoint), UPTIME, RESTARTS, EXIT (last exit code) "
                    + "and MEMORY (resident). '-' marks what does not apply. Under the table, one line per process "
                    + "that has an error: NAME: why it last failed.",
            "",
            "With --json: a JSON list with one object per process, with also restart_policy, next_restart_in "
                    + "(seconds), error (why it last failed), objects, references and leases (client processes holding a "
                    + "lease there); uptime in seconds, memory in bytes.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq ps",
            "  pyacq ps --json",
            "  pyacq ps --json | jq -r '.[] | select(.status == \"running\") | .name'"})
final class PsCommand extends SessionCommand {
    @Option(names = "--json", description = "Print a JSON list instead of the table.")
    private boolean json;

    @Override
    int run(DaemonSession session) {
        List<Map<String, Object>> processes = new DaemonCalls(session).ps();
        if (json) {
            out().println(JsonText.write(processes));
        } else {
            ProcessTable.lines(processes).forEach(out()::println);
        }
        return CliExitCodes.OK;
    }
}

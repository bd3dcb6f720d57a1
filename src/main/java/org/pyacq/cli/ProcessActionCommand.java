package org.pyacq.cli;

import java.util.Map;
import org.pyacq.cli.present.ProcessChange;
import org.pyacq.cli.session.DaemonSession;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stop}, {@code kill} and {@code restart}: one action on one process, then its description. */
abstract class ProcessActionCommand extends SessionCommand {
    private final ProcessChange change;

    @Parameters(index = "0", paramLabel = "NAME", description = "The process's name (see 'pyacq ps').")
    String name;

    @Option(names = "--json", description = "Print the process's description afterwards as JSON.")
    boolean json;

    ProcessActionCommand(ProcessChange change) {
        this.change = change;
    }

    @Override
    final int run(DaemonSession session) {
        Map<String, Object> after = act(new DaemonCalls(session));
        out().println(json ? JsonText.write(after) : change.line(name, after));
        return CliExitCodes.OK;
    }

    abstract Map<String, Object> act(DaemonCalls daemon);
}

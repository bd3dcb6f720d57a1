package org.pyacq.cli;

import java.util.Map;
import org.pyacq.cli.present.ProcessChange;
import picocli.CommandLine.Command;

/** {@code pyacq restart NAME}. */
@Command(name = "restart", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Stop a process and start it again with the same settings.",
        description = {
            "Stops a process (if it runs) and starts it again with the same settings, then waits until it "
                    + "serves. It gets a new pid and a new address. Also starts a process that stopped, failed "
                    + "or was given up on.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {"  pyacq restart w1", "  pyacq restart w1 --json"})
final class RestartCommand extends ProcessActionCommand {
    RestartCommand() {
        super(ProcessChange.RESTARTED);
    }

    @Override
    Map<String, Object> act(DaemonCalls daemon) {
        return daemon.restart(name);
    }
}

package org.pyacq.cli;

import java.util.Map;
import org.pyacq.cli.present.ProcessChange;
import picocli.CommandLine.Command;

/** {@code pyacq kill NAME}. */
@Command(name = "kill", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Kill a process at once.",
        description = {
            "Kills a process at once (SIGKILL), without letting it clean up. It is not restarted, whatever its "
                    + "restart policy. Prefer 'pyacq stop'; use kill for a process that does not answer.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {"  pyacq kill w1", "  pyacq kill w1 --json"})
final class KillCommand extends ProcessActionCommand {
    KillCommand() {
        super(ProcessChange.KILLED);
    }

    @Override
    Map<String, Object> act(DaemonCalls daemon) {
        return daemon.kill(name);
    }
}

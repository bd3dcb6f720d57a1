package org.pyacq.cli;

import java.util.Map;
import org.pyacq.cli.present.ProcessChange;
import picocli.CommandLine.Command;

/** {@code pyacq stop NAME}. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Stop a process gracefully.",
        description = {
            "Stops a process gracefully: its RPC server closes and it exits; if it is still running after the "
                    + "daemon's stop grace (5 s by default), it is killed. It is not restarted, whatever its "
                    + "restart policy; 'pyacq restart' or 'pyacq spawn' starts it again.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {"  pyacq stop w1", "  pyacq stop w1 --json"})
final class StopCommand extends ProcessActionCommand {
    StopCommand() {
        super(ProcessChange.STOPPED);
    }

    @Override
    Map<String, Object> act(DaemonCalls daemon) {
        return daemon.stop(name);
    }
}

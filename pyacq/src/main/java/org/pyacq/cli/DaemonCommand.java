package org.pyacq.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code pyacq daemon}: pyacqd in the foreground. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Run pyacqd, the pyacq daemon, in the foreground.",
        description = {DaemonRunner.DESCRIPTION_1, "", DaemonRunner.DESCRIPTION_2, ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq daemon",
            "  pyacq daemon --runtime-dir /run/pyacq-lab --log-level debug",
            "  pyacq daemon --config lab.conf \\",
            "      --set child.acq.jvm_options=-Xmx2g --set child.acq.restart=always",
            "",
            "Other commands start a daemon in the background when none runs; run it in the foreground to watch "
                    + "its log, or under a service manager (systemd: ExecStart=pyacqd, KillSignal=SIGTERM)."})
final class DaemonCommand implements Callable<Integer> {
    @ParentCommand
    private PyacqCommand root;
    @Mixin
    private DaemonOptions options;

    @Override
    public Integer call() {
        return DaemonRunner.run(options, root.global().security(), root.global().runtimeDir(), root.verbose(),
                root.ownsProcess(), root.cancellation());
    }
}

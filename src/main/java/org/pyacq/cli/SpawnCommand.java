package org.pyacq.cli;

import java.util.Map;
import org.pyacq.cli.present.ProcessChange;
import org.pyacq.cli.present.SpawnOptions;
import org.pyacq.cli.session.DaemonSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    private SpawnOptions options;

    @Option(names = "--json", description = "Print the process's description as JSON.")
    private boolean json;

    @Override
    int run(DaemonSession session) {
        Map<String, Object> started = new DaemonCalls(session).spawn(options.spec(name), options.answerTimeout());
        out().println(json ? JsonText.write(started) : ProcessChange.STARTED.line(name, started));
        return CliExitCodes.OK;
    }
}

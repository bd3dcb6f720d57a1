package org.pyacq.cli;

import java.io.InputStreamReader;
import java.nio.charset.Charset;
import org.pyacq.cli.repl.Repl;
import org.pyacq.cli.session.DaemonSession;
import picocli.CommandLine.Command;

/** {@code pyacq repl}: the interactive REPL, or a script on stdin. */
@Command(name = "repl", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Start the interactive REPL, or run a script read from stdin.",
        description = {
            "Starts the pyacq REPL: an interactive prompt with completion and history, connected to the "
                    + "daemon and its processes.",
            "",
            "When stdin is not a terminal, reads the lines of stdin as a script instead, printing each result; "
                    + "it stops at the first error, with exit code 1.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq repl",
            "  pyacq repl < setup.pyacq",
            "  echo 'daemon.ps()' | pyacq repl"})
final class ReplCommand extends SessionCommand {
    @Override
    int run(DaemonSession session) {
        if (System.console() == null) {
            return Repl.script(session, new InputStreamReader(System.in, Charset.defaultCharset()), out(), err());
        }
        return Repl.interactive(session);
    }
}

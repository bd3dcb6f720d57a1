package org.pyacq.cli;

import org.pyacq.cli.repl.Repl;
import org.pyacq.cli.session.DaemonSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pyacq eval NAME EXPR}: one REPL expression, evaluated in the context of a process. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Evaluate a REPL expression in a process and print the result.",
        description = {
            "Evaluates one expression of the pyacq REPL in the context of a process and prints the result as "
                    + "the REPL would. Quote the expression so that the shell leaves it alone.",
            "",
            "If the remote code raises, its one-line summary goes to stderr and the exit code is 1; an "
                    + "expression that does not parse is a usage error (exit 2).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq eval w1 'java.lang.System.getProperty(\"java.version\")'",
            "  pyacq eval w1 'java.lang.Math.max(3, 4)'",
            "  pyacq eval w1 'self.ping()' --trace"})
final class EvalCommand extends SessionCommand implements ErrorReporter.RemoteTraceOption {
    @Parameters(index = "0", paramLabel = "NAME", description = "The process (see 'pyacq ps').")
    private String name;

    @Parameters(index = "1", paramLabel = "EXPR", description = "The expression.")
    private String expression;

    @Option(names = "--trace", description = "If the remote code raises, print its whole remote trace, "
            + "not only the summary.")
    private boolean trace;

    @Override
    int run(DaemonSession session) {
        String result;
        try {
            result = Repl.evaluate(session, name, expression);
        } catch (IllegalArgumentException e) {
            throw new CommandException(CliExitCodes.USAGE, e.getMessage(), e);
        }
        out().println(result);
        return CliExitCodes.OK;
    }

    @Override
    public boolean showRemoteTrace() {
        return trace;
    }
}

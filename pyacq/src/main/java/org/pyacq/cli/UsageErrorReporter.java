package org.pyacq.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in a few lines on stderr, not the whole help: picocli's message, "did you mean"
 * suggestions for a mistyped name, the command's synopsis, and where to read more. Exit code 2.
 */
final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cl.getHelp().fullSynopsis());
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for its options and examples.");
        err.flush();
        return CliExitCodes.USAGE;
    }
}

package org.pyacq.cli;

import picocli.CommandLine;

/** What every pyacq command line shares: error handling, exit codes, the exit code list in help. */
final class CommandLineSetup {
    private CommandLineSetup() {
    }

    static CommandLine configure(CommandLine cl) {
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setExitCodeExceptionMapper(new ExitCodeMapper());
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        cl.setUsageHelpAutoWidth(true);
        addExitCodeList(cl);
        return cl;
    }

    private static void addExitCodeList(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(CliExitCodes.helpList());
        for (CommandLine sub : cl.getSubcommands().values()) {
            addExitCodeList(sub);
        }
    }
}

package org.pyacq.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pyacq completion [bash|zsh]}: the shell completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Print the shell completion script for bash or zsh.",
        description = {
            "Prints a script that makes the shell complete pyacq's commands and options. The same script works "
                    + "in bash and in zsh (through zsh's bashcompinit).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(pyacq completion)",
            "  pyacq completion bash > ~/.local/share/bash-completion/completions/pyacq",
            "  echo 'source <(pyacq completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            completionCandidates = Shells.class, description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    private String shell;

    @Override
    public Integer call() {
        if (!Shells.NAMES.contains(shell)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for SHELL: '" + shell
                    + "'; use bash or zsh");
        }
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        return CliExitCodes.OK;
    }

    /** The completion script (bash, and zsh through bashcompinit) for the command line {@code root}. */
    static String script(picocli.CommandLine root) {
        return AutoComplete.bash(root.getCommandName(), root);
    }

    /** The shells the script is for. */
    static final class Shells implements Iterable<String> {
        static final List<String> NAMES = List.of("bash", "zsh");

        @Override
        public java.util.Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }
}

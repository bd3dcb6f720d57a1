package org.pyacq.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pyacq's shell completion script to a file: the build runs it ({@code mvn package} writes
 * {@code target/completion/pyacq}), and the package installs the file as
 * {@code /etc/bash_completion.d/pyacq}. The same script as {@code pyacq completion bash} prints.
 *
 * <p>Usage: {@code java -cp pyacq.jar org.pyacq.cli.CompletionScriptFile target/completion/pyacq}
 */
public final class CompletionScriptFile {
    private CompletionScriptFile() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CompletionScriptFile FILE (the script to write), got "
                    + args.length + " arguments");
        }
        write(Path.of(args[0]));
    }

    /** Writes the script to {@code file}, creating its directory if needed. */
    static void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, CompletionCommand.script(PyacqCommand.commandLine()), StandardCharsets.UTF_8);
    }
}

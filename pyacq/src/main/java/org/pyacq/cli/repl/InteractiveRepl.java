package org.pyacq.cli.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * The read-eval-print loop on a JLine terminal: persistent history, continuation lines for open
 * brackets and strings, Tab completion. Ctrl-C while an input runs cancels it (the terminal's
 * INT handler calls {@link ReplSession#cancelRunning()}; the REPL thread only waits on futures, so
 * nothing is interrupted); Ctrl-C at the prompt drops the line; Ctrl-D or {@code :quit} leaves.
 */
final class InteractiveRepl {
    static final String PROMPT = "pyacq> ";
    static final String CONTINUATION_PROMPT = "  ...> ";

    private final ReplSession session;
    private final Terminal terminal;
    private final Path historyFile;

    /**
     * @param historyFile where history persists, or null for history in memory only
     */
    InteractiveRepl(ReplSession session, Terminal terminal, Path historyFile) {
        this.session = session;
        this.terminal = terminal;
        this.historyFile = historyFile;
    }

    /** Runs until Ctrl-D or {@code :quit}; returns the exit code (0). */
    int run() {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("pyacq")
                .parser(new ReplLineParser()).completer(new ReplCompleter(session))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        LineReader reader = builder.build();
        SignalHandler previous = terminal.handle(Signal.INT, signal -> session.cancelRunning());
        PrintWriter out = terminal.writer();
        out.println("pyacq REPL: :help for help, Tab completes, Ctrl-C cancels a call, Ctrl-D leaves");
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                Outcome o = session.run(line);
                out.print(o.output());
                if (!o.error().isEmpty()) {
                    out.println(o.error());
                }
                out.flush();
                if (o.status() == Outcome.Status.QUIT) {
                    break;
                }
            }
        } finally {
            terminal.handle(Signal.INT, previous);
            saveHistory(reader);
        }
        return 0;
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("could not save the history to " + historyFile + ": " + e.getMessage());
            terminal.writer().flush();
        }
    }
}

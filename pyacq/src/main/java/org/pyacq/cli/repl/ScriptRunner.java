package org.pyacq.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Runs REPL input without a terminal: statements and {@code :commands}, one per line, an open
 * bracket or string continuing on the next lines. Results of expression statements go to
 * {@code out}, one per line; nothing else is echoed. The first error is printed on {@code err}
 * with its line number, and ends the run with exit code 1.
 */
final class ScriptRunner {
    private final ReplSession session;
    private final PrintWriter out;
    private final PrintWriter err;

    ScriptRunner(ReplSession session, PrintWriter out, PrintWriter err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    /** Runs every input of {@code in}; 0 at the end or at {@code :quit}, 1 at the first error. */
    int run(Reader in) {
        BufferedReader lines = new BufferedReader(in);
        StringBuilder pending = new StringBuilder();
        int lineNumber = 0;
        int firstLine = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (pending.length() == 0) {
                    firstLine = lineNumber;
                } else {
                    pending.append('\n');
                }
                pending.append(line);
                if (!pending.toString().stripLeading().startsWith(":") && StatementParser.isIncomplete(pending.toString())) {
                    continue;
                }
                Integer exit = runInput(pending.toString(), firstLine);
                pending.setLength(0);
                if (exit != null) {
                    return exit;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pending.length() > 0) {
            Integer exit = runInput(pending.toString(), firstLine);
            if (exit != null) {
                return exit;
            }
        }
        return 0;
    }

    /** Runs one input; the exit code if the run ends here, else null. */
    private Integer runInput(String input, int line) {
        Outcome o = session.run(input);
        out.print(o.output());
        out.flush();
        switch (o.status()) {
            case ERROR:
            case CANCELLED:
                err.println("line " + line + ": " + o.error());
                err.flush();
                return 1;
            case QUIT:
                return 0;
            default:
                return null;
        }
    }
}

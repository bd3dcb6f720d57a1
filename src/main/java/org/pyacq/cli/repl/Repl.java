package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.io.Reader;
import org.pyacq.cli.DaemonSession;

/**
 * Placeholder for the REPL seam so that the command line compiles and its tests run before the
 * REPL is merged; the real class replaces this file at merge.
 */
public final class Repl {
    private Repl() {
    }

    /** Runs the interactive REPL on the terminal; returns the exit code. */
    public static int interactive(DaemonSession session) {
        throw new UnsupportedOperationException("the REPL is not merged yet");
    }

    /** Runs the lines of {@code in} non-interactively; 0, or 1 at the first error. */
    public static int script(DaemonSession session, Reader in, PrintWriter out, PrintWriter err) {
        throw new UnsupportedOperationException("the REPL is not merged yet");
    }

    /** Evaluates one expression in the context of process {@code processName}; returns the printed result. */
    public static String evaluate(DaemonSession session, String processName, String expression) {
        throw new UnsupportedOperationException("the REPL is not merged yet");
    }
}

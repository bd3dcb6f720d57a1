package org.pyacq.cli.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.pyacq.cli.session.DaemonSession;

/**
 * The REPL's entry points for the command line ({@code pyacq repl}, {@code pyacq eval}).
 *
 * <pre>{@code
 * try (DaemonSession s = DaemonSession.open(null, true, Duration.ofSeconds(30))) {
 *     int code = Repl.interactive(s);                                   // on the terminal
 *     int code2 = Repl.script(s, new StringReader("w = spawn(\"w1\")\nw.java.lang.Math.max(2, 3)\n"), out, err);
 *     String v = Repl.evaluate(s, "w1", "java.lang.System.getProperty(\"java.version\")");
 * }
 * }</pre>
 */
public final class Repl {
    private Repl() {
    }

    /**
     * Runs the interactive REPL on the system terminal until Ctrl-D or {@code :quit}; returns the
     * exit code. History persists in {@code $XDG_STATE_HOME/pyacq/repl_history} (or
     * {@code ~/.local/state/pyacq/repl_history}).
     */
    public static int interactive(DaemonSession session) {
        Objects.requireNonNull(session, "session");
        Path history;
        String historyProblem = null;
        try {
            history = HistoryFile.prepare(HistoryFile.defaultLocation());
        } catch (IOException | RuntimeException e) {
            history = null;
            historyProblem = "history is not saved: cannot create " + HistoryFile.defaultLocation() + " ("
                    + e.getMessage() + ")";
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build();
                ReplSession repl = new ReplSession(session, ReplOptions.defaults())) {
            if (historyProblem != null) {
                terminal.writer().println(historyProblem);
            }
            return new InteractiveRepl(repl, terminal, history).run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the statements and {@code :commands} of {@code in} without a terminal. Prints the result
     * of each expression statement on {@code out} (one per line) and nothing else; stops at the
     * first error, printed on {@code err} with its line number.
     *
     * @return 0, or 1 at the first error
     */
    public static int script(DaemonSession session, Reader in, PrintWriter out, PrintWriter err) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        try (ReplSession repl = new ReplSession(session, ReplOptions.defaults())) {
            return new ScriptRunner(repl, out, err).run(in);
        }
    }

    /**
     * Evaluates one expression for {@code pyacq eval NAME EXPR}: names that are not builtins resolve
     * in process {@code processName} ({@code java.lang.System.getProperty("java.version")} imports
     * there, {@code self} is its server object). Returns the printed result without a trailing
     * newline: a string as it is, other values as the REPL prints them; empty for null.
     *
     * @throws ReplException with the one-line error (remote errors carry the remote exception as cause)
     */
    public static String evaluate(DaemonSession session, String processName, String expression) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(processName, "processName");
        Objects.requireNonNull(expression, "expression");
        if (expression.strip().startsWith(":")) {
            throw new ReplException("pyacq eval takes an expression, not a REPL command (" + expression.strip() + ")");
        }
        try (ReplSession repl = new ReplSession(session, ReplOptions.defaults())) {
            repl.useHomeProcess(processName);
            repl.printStringsUnquoted();
            Outcome o = repl.run(expression);
            if (o.status() != Outcome.Status.OK) {
                // there is no :trace after pyacq eval
                String error = o.error().endsWith(ErrorFormatter.TRACE_HINT)
                        ? o.error().substring(0, o.error().length() - ErrorFormatter.TRACE_HINT.length()) : o.error();
                throw new ReplException(error, repl.lastRemoteError());
            }
            String text = o.output();
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }
    }
}

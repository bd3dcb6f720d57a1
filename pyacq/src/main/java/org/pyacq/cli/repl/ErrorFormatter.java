package org.pyacq.cli.repl;

import org.pyacq.rpc.RemoteCallException;

/**
 * How the REPL reports a failure: one clear line (remote exceptions as their type and message,
 * with a hint at {@code :trace}); syntax errors add the input line and a caret under the position.
 */
final class ErrorFormatter {
    static final String TRACE_HINT = "  (:trace for the remote trace)";

    private ErrorFormatter() {
    }

    /** The report for {@code t} raised while running {@code source}; no trailing newline. */
    static String describe(Throwable t, String source) {
        if (t instanceof RemoteCallException r) {
            return r.summary() + TRACE_HINT;
        }
        if (t instanceof ReplSyntaxException s) {
            return "syntax error: " + s.getMessage() + "\n" + caret(source, s.position());
        }
        return "error: " + firstLine(t);
    }

    /** The first line of the message, or the exception's type when it has none. */
    static String firstLine(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).stripTrailing();
    }

    /** The line of {@code source} holding {@code position}, and a caret under that position (both indented). */
    static String caret(String source, int position) {
        int pos = Math.max(0, Math.min(position, source.length()));
        int start = source.lastIndexOf('\n', pos - 1) + 1;
        int end = source.indexOf('\n', pos);
        String line = source.substring(start, end < 0 ? source.length() : end);
        StringBuilder pad = new StringBuilder();
        for (int i = start; i < pos; i++) {
            pad.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "  " + line + "\n  " + pad + "^";
    }
}

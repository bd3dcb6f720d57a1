package org.pyacq.rpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Formats an exception for an error reply as pyacq does: a header line naming the request,
 * then the stack trace, each line ending in a newline so that Python can join them with ''.
 */
final class ErrorLines {
    private static final int MAX_LINES = 400;

    private ErrorLines() {
    }

    /** The exception that really happened, without reflection and future wrappers. */
    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof InvocationTargetException || cur instanceof UndeclaredThrowableException
                || cur instanceof CompletionException || cur instanceof ExecutionException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    static String typeName(Throwable t) {
        return t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
    }

    static List<String> lines(String caller, long reqId, Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        String[] trace = sw.toString().split("\n");
        List<String> lines = new ArrayList<>(Math.min(trace.length, MAX_LINES) + 2);
        lines.add("Error while processing request " + caller + " [" + reqId + "]: ");
        for (int i = 0; i < trace.length && i < MAX_LINES; i++) {
            lines.add(trace[i].replace("\r", "") + "\n");
        }
        if (trace.length > MAX_LINES) {
            lines.add("\t... " + (trace.length - MAX_LINES) + " more lines\n");
        }
        return lines;
    }
}

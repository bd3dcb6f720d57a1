package org.pyacq.cli.repl;

import java.util.Objects;

/**
 * What running one input gave: text for standard output (results, command output) and for
 * standard error (the error line), and how it ended.
 *
 * @param status how the input ended
 * @param output text to print on standard output, each line ending in a newline (may be empty)
 * @param error the error report without a trailing newline, or empty
 */
public record Outcome(Status status, String output, String error) {

    /** How an input ended. */
    public enum Status {
        /** It ran; {@code output} holds what it printed. */
        OK,
        /** It failed; {@code error} says why. */
        ERROR,
        /** Ctrl-C stopped it; the session goes on. */
        CANCELLED,
        /** {@code :quit}: the REPL should end. */
        QUIT
    }

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(error, "error");
    }

    static Outcome ok(String output) {
        return new Outcome(Status.OK, output, "");
    }

    static Outcome error(String output, String error) {
        return new Outcome(Status.ERROR, output, error);
    }

    static Outcome cancelled() {
        return new Outcome(Status.CANCELLED, "", "cancelled");
    }

    static Outcome quit(String output) {
        return new Outcome(Status.QUIT, output, "");
    }
}

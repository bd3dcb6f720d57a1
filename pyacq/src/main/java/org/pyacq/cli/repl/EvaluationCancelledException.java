package org.pyacq.cli.repl;

/** The evaluation was cancelled (Ctrl-C) while it waited; the REPL prints {@code cancelled} and goes on. */
final class EvaluationCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EvaluationCancelledException() {
        super("cancelled", null, false, false);
    }
}

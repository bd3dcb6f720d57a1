package org.pyacq.cli.repl;

/**
 * Input that is not valid REPL syntax, with the offset where the problem is; printed with a caret
 * under that position.
 */
public class ReplSyntaxException extends ReplException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public ReplSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** Offset in the input (0-based) of the offending character. */
    public int position() {
        return position;
    }
}

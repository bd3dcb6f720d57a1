package org.pyacq.cli.repl;

/**
 * A REPL input failed for a local reason (unknown variable, wrong argument, bad syntax); the
 * message is one line meant for the user. {@link Repl#evaluate} also reports remote failures
 * with it, the remote exception as cause.
 */
public class ReplException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplException(String message) {
        super(message);
    }

    public ReplException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.pyacq.cli;

/**
 * A command failed in a way the user should read as one line, with a given exit code (see
 * {@link CliExitCodes}). The message is printed as it is, without a stack trace.
 */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure stands for. */
    public int exitCode() {
        return exitCode;
    }
}

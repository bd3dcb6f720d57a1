package org.pyacq.transport;

/** The user's key directory or key file cannot be used: missing, unreadable, or open to others. */
public class KeyFileException extends TransportException {
    private static final long serialVersionUID = 1L;

    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

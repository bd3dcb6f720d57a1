package org.pyacq.wire;

/** A value that cannot be encoded, or bytes that are not a valid message of the protocol. */
public class WireFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

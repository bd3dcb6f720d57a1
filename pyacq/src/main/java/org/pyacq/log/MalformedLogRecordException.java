package org.pyacq.log;

/** A frame received as a log record is not one: not JSON, not a JSON object, or cut short. */
public class MalformedLogRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedLogRecordException(String message) {
        super(message);
    }

    public MalformedLogRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

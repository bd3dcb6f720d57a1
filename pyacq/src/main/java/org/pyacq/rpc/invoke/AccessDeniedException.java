package org.pyacq.rpc.invoke;

import java.util.Objects;

/** A class or member that the server's {@link AccessPolicy} does not allow remote callers to use. */
public class AccessDeniedException extends InvokeException {
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String reason;

    /**
     * @param subject the class or member name, e.g. {@code java.lang.Runtime} or {@code java.lang.System.exit}
     * @param reason  why, e.g. {@code denied by 'java.lang.Runtime'}; may be null
     */
    public AccessDeniedException(String subject, String reason) {
        super(Objects.requireNonNull(subject, "subject") + " is not allowed by the server's access policy"
                + (reason == null ? "" : " (" + reason + ")"));
        this.subject = subject;
        this.reason = reason;
    }

    /** The class or member that was refused. */
    public String subject() {
        return subject;
    }

    /** Which rule refused it, or null. */
    public String reason() {
        return reason;
    }
}

package org.pyacq.log;

/**
 * Carries the exception text of a received log record ({@code exc_text}) as the throwable of the
 * logback event, so that ordinary encoders ({@code %ex}) print it. It has no stack of its own; its
 * message is the sender's text, exactly as sent (also in {@link PyacqMdc#EXC_TEXT}).
 */
public final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteTraceback(String text) {
        super(text, null, false, false);
    }
}

package org.pyacq.log;

import java.util.Map;

/**
 * MDC keys that a {@link LogServer} puts on the events it makes from received records, so that
 * appenders and encoders can tell where a record came from (e.g. {@code %X{pyacq.process}} in a
 * pattern). Events logged in this process do not have them, unless the application sets them.
 * {@link PyacqLogAppender} sends a received event on with these origins, not its own.
 */
public final class PyacqMdc {
    /** The sender's host name ({@code host_name}). */
    public static final String HOST = "pyacq.host";
    /** The sender's pyacq process name ({@code process_name}). */
    public static final String PROCESS = "pyacq.process";
    /** The sender's operating-system process id ({@code process}), when it sent one. */
    public static final String PID = "pyacq.pid";
    /** The record's Python level number ({@code levelno}), e.g. "50" for CRITICAL. */
    public static final String LEVELNO = "pyacq.levelno";
    /** The sender's formatted exception text ({@code exc_text}), when there is one. */
    public static final String EXC_TEXT = "pyacq.exc_text";
    /** How many log servers the record has passed through (1 after the first). */
    public static final String HOPS = "pyacq.hops";

    private PyacqMdc() {
    }

    /** True if the event came from another process through a {@link LogServer}. */
    static boolean isRemote(Map<String, String> mdc) {
        return mdc.containsKey(HOST) || mdc.containsKey(PROCESS);
    }
}

package org.pyacq.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code pyacq} and {@code pyacqd} command, as scripts see them. Each
 * command's {@code --help} lists them.
 */
public final class CliExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The remote code raised an exception (its one-line summary is on stderr). */
    public static final int REMOTE_ERROR = 1;
    /** The command line (or a setting) is wrong: picocli's own usage errors. */
    public static final int USAGE = 2;
    /** The daemon or the process cannot be reached, does not exist, or did not answer in time. */
    public static final int UNREACHABLE = 3;
    /** Anything else failed, e.g. a process did not start. */
    public static final int FAILURE = 4;

    private CliExitCodes() {
    }

    /** The list shown under "Exit codes:" in every command's help. */
    static Map<String, String> helpList() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(" " + OK, "Success.");
        m.put(" " + REMOTE_ERROR, "The remote code raised an exception: its one-line summary is on stderr "
                + "(--trace prints the whole remote trace).");
        m.put(" " + USAGE, "Usage error: unknown option, missing or invalid argument, invalid setting.");
        m.put(" " + UNREACHABLE, "The daemon or the process cannot be reached, does not exist, or did not "
                + "answer within --timeout.");
        m.put(" " + FAILURE, "Other failure, e.g. a process did not start (its own error text is on stderr).");
        return m;
    }
}

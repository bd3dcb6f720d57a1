package org.pyacq.cli.present;

import java.util.Map;
import org.pyacq.log.AnsiStyles;
import org.pyacq.log.PythonLevels;

/**
 * A log record (the daemon's record maps, pyacq's format) as one console line, for
 * {@code pyacq logs} and the REPL's {@code :logs}:
 * {@code [host:process:thread] LEVEL message}, the exception text on the following lines. With
 * colour, each source keeps one colour and the message is coloured by level, as on the console.
 */
public final class LogLineFormat {
    private final boolean colored;
    private final AnsiStyles styles = new AnsiStyles();

    /** @param colored whether to add ANSI colours (on a terminal) */
    public LogLineFormat(boolean colored) {
        this.colored = colored;
    }

    /** The record's line, and its exception text on the lines after it. */
    public String format(Map<?, ?> r) {
        String source = text(r.get("host_name")) + ":" + text(r.get("process_name")) + ":"
                + text(r.get("thread_name"));
        int levelno = r.get("levelno") instanceof Number n ? n.intValue() : PythonLevels.INFO;
        String level = r.get("levelname") instanceof String s ? s : PythonLevels.name(levelno);
        String exception = r.get("exc_text") instanceof String s && !s.isEmpty() ? s : null;
        StringBuilder sb = new StringBuilder();
        if (colored) {
            sb.append(styles.forSource(source));
        }
        sb.append('[').append(source).append(']');
        if (colored) {
            sb.append(AnsiStyles.RESET);
        }
        String levelStyle = colored ? AnsiStyles.forLevel(levelno) : "";
        sb.append(' ').append(levelStyle).append(level).append(' ').append(text(r.get("msg")));
        if (exception != null) {
            sb.append(System.lineSeparator()).append(exception);
        }
        if (!levelStyle.isEmpty()) {
            sb.append(AnsiStyles.RESET);
        }
        return sb.toString();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}

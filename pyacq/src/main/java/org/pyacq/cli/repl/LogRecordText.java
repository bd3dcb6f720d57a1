package org.pyacq.cli.repl;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** One log record (as the daemon's {@code logs} returns it) as a line: time, level, process, logger, message. */
final class LogRecordText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LogRecordText() {
    }

    static String format(Map<?, ?> r) {
        StringBuilder sb = new StringBuilder();
        if (r.get("created") instanceof Number created) {
            long millis = (long) (created.doubleValue() * 1000);
            sb.append(LocalTime.ofInstant(Instant.ofEpochMilli(millis), ZoneId.systemDefault()).format(TIME)).append(' ');
        }
        sb.append(String.format(Locale.ROOT, "%-8s", r.get("levelname") == null ? "?" : r.get("levelname")));
        Object process = r.get("process_name");
        if (process != null) {
            sb.append(' ').append(process);
        }
        if (r.get("name") != null) {
            sb.append(' ').append(r.get("name")).append(':');
        }
        sb.append(' ').append(r.get("msg") == null ? "" : r.get("msg"));
        Object exc = r.get("exc_text");
        if (exc != null && !String.valueOf(exc).isBlank()) {
            sb.append('\n').append(String.valueOf(exc).stripTrailing());
        }
        return sb.toString();
    }
}

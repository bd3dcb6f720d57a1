package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code :ps} table: one row per process, columns as wide as their widest cell. */
final class ProcessTable {
    private static final String[] HEADERS = {"NAME", "STATUS", "PID", "UPTIME", "RESTARTS", "ADDRESS"};

    private ProcessTable() {
    }

    static void print(List<?> children, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        List<String> errors = new ArrayList<>();
        for (Object c : children) {
            Map<?, ?> m = (Map<?, ?>) c;
            rows.add(new String[] {text(m.get("name")), text(m.get("status")), text(m.get("pid")),
                uptime(m.get("uptime")), text(m.get("restarts")), text(m.get("address"))});
            if (m.get("error") != null) {
                errors.add(m.get("name") + ": " + m.get("error"));
            }
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(row[i]);
                if (i < row.length - 1) {
                    sb.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        for (String e : errors) {
            out.println(e);
        }
    }

    private static String text(Object v) {
        return v == null ? "-" : String.valueOf(v);
    }

    /** Seconds as {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String uptime(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "-";
        }
        long s = (long) n.doubleValue();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}

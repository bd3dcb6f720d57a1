package org.pyacq.cli.present;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The process table of {@code pyacq ps} and {@code :ps}: one row per process from the daemon's
 * {@code ps} maps, columns as wide as their widest cell, {@code -} for what does not apply, then
 * one {@code NAME: why} line per process that has an error. OBJECTS, REFS and CLIENTS are the
 * process's live objects, proxy references and client leases ({@code -} when the process did not
 * answer the daemon's question in time).
 *
 * <pre>{@code
 * ProcessTable.lines(daemon.ps()).forEach(out::println);
 * }</pre>
 *
 * A new column is one more entry in {@link #COLUMNS}.
 */
public final class ProcessTable {
    /**
     * One column: its header and how a process's map becomes its cell.
     *
     * @param header the header text, upper case
     * @param cell the cell text of one process (never null; {@code -} when it does not apply)
     */
    public record Column(String header, Function<Map<?, ?>, String> cell) {
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(cell, "cell");
        }

        /** A column showing key {@code key} as it is. */
        static Column of(String header, String key) {
            return new Column(header, p -> text(p.get(key)));
        }
    }

    /** The columns, in order. */
    public static final List<Column> COLUMNS = List.of(
            Column.of("NAME", "name"),
            Column.of("STATUS", "status"),
            Column.of("PID", "pid"),
            Column.of("ADDRESS", "address"),
            new Column("UPTIME", p -> p.get("uptime") instanceof Number n ? duration(n.doubleValue()) : "-"),
            Column.of("RESTARTS", "restarts"),
            new Column("EXIT", p -> p.get("exit_code") == null ? "-"
                    : p.get("signal") != null ? p.get("exit_code") + " (" + p.get("signal") + ")" : text(p.get("exit_code"))),
            new Column("MEMORY", p -> p.get("memory") instanceof Number n ? bytes(n.longValue()) : "-"),
            // what the process keeps alive for remote proxies, and for how many client leases (docs/LIFETIME.md)
            Column.of("OBJECTS", "objects"),
            Column.of("REFS", "references"),
            Column.of("CLIENTS", "leases"));

    private ProcessTable() {
    }

    /** The table's lines: the header, a row per process, then the errors. */
    public static List<String> lines(List<? extends Map<?, ?>> processes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(Column::header).toList());
        List<String> errors = new ArrayList<>();
        for (Map<?, ?> p : processes) {
            rows.add(COLUMNS.stream().map(c -> c.cell().apply(p)).toList());
            if (p.get("error") != null) {
                errors.add(text(p.get("name")) + ": " + p.get("error"));
            }
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                sb.append(row.get(i));
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        lines.addAll(errors);
        return lines;
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString();
    }

    /** 42s, 5m12s, 3h05m, 2d04h. */
    public static String duration(double seconds) {
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        } else if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
    }

    /** 812B, 120M, 1.5G (powers of 1024), with a dot whatever the locale. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v) + units[u];
    }
}

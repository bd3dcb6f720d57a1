package org.pyacq.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table {@code pyacq ps} prints: one row per process, columns as wide as their widest cell. */
final class PsTable {
    static final String[] HEADER = {"NAME", "STATUS", "PID", "ADDRESS", "UPTIME", "RESTARTS", "EXIT", "MEMORY", "OBJECTS"};

    private PsTable() {
    }

    static List<String> lines(List<Map<String, Object>> processes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Map<String, Object> p : processes) {
            rows.add(new String[] {
                text(p.get("name")), text(p.get("status")), text(p.get("pid")), text(p.get("address")),
                p.get("uptime") instanceof Number n ? duration(n.doubleValue()) : "-",
                text(p.get("restarts")), text(p.get("exit_code")),
                p.get("memory") instanceof Number n ? bytes(n.longValue()) : "-", objects(p)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(row[i]);
                if (i < row.length - 1) {
                    sb.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    /** Live objects/references of the process's server (docs/LIFETIME.md), e.g. {@code 3/5}. */
    private static String objects(Map<String, Object> p) {
        return p.get("objects") instanceof Number o && p.get("references") instanceof Number r ? o + "/" + r : "-";
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString();
    }

    /** 42s, 5m12s, 3h05m, 2d04h. */
    static String duration(double seconds) {
        long s = (long) seconds;
        if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        } else if (s < 86400) {
            return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd%02dh", s / 86400, s % 86400 / 3600);
    }

    /** 812K, 120M, 1.5G (powers of 1024). */
    static String bytes(long n) {
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
        return (v < 10 ? String.format("%.1f", v) : String.format("%.0f", v)) + units[u];
    }
}

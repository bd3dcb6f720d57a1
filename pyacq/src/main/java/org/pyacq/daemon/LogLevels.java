package org.pyacq.daemon;

import java.util.Locale;

/** Log levels given by name (debug, info, warning, error, critical) or Python number. */
final class LogLevels {
    private LogLevels() {
    }

    static int parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "trace": return 5;
            case "debug": return 10;
            case "info": return 20;
            case "warn":
            case "warning": return 30;
            case "error": return 40;
            case "critical":
            case "fatal": return 50;
            default:
                try {
                    int n = Integer.parseInt(t);
                    if (n >= 0 && n <= 50) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new IllegalArgumentException("unknown log level '" + s + "'; use debug, info, warning, error, "
                        + "critical or a number from 0 to 50");
        }
    }

    static String name(int level) {
        if (level <= 5) {
            return "trace";
        } else if (level <= 10) {
            return "debug";
        } else if (level <= 20) {
            return "info";
        } else if (level <= 30) {
            return "warning";
        } else if (level <= 40) {
            return "error";
        }
        return "critical";
    }
}

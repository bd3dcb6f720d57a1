package org.pyacq.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;
import org.slf4j.Marker;

/**
 * Python {@code logging} level numbers and names, and how they map onto logback levels.
 *
 * <p>Logback to Python: TRACE 5, DEBUG 10, INFO 20, WARN 30, ERROR 40; an ERROR event with a marker
 * named {@code CRITICAL} or {@code FATAL} is 50. Python to logback rounds down (15 is DEBUG, 25 is
 * INFO, 50 is ERROR), so that a record passes a logback threshold exactly when it would pass the same
 * Python threshold; the original number travels in the {@link PyacqMdc#LEVELNO} MDC key.
 */
public final class PythonLevels {
    public static final int TRACE = 5;
    public static final int DEBUG = 10;
    public static final int INFO = 20;
    public static final int WARNING = 30;
    public static final int ERROR = 40;
    public static final int CRITICAL = 50;

    private PythonLevels() {
    }

    /** The Python level number of a logback level. */
    public static int of(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT: return TRACE;
            case Level.DEBUG_INT: return DEBUG;
            case Level.INFO_INT: return INFO;
            case Level.WARN_INT: return WARNING;
            case Level.ERROR_INT: return ERROR;
            default: return level.toInt() < Level.TRACE_INT ? 0 : CRITICAL;
        }
    }

    /**
     * The Python level number of an event: its {@link PyacqMdc#LEVELNO} if it was received from
     * another process, else its level (raised to CRITICAL by a {@code CRITICAL}/{@code FATAL} marker).
     */
    public static int of(ILoggingEvent event) {
        String kept = event.getMDCPropertyMap().get(PyacqMdc.LEVELNO);
        if (kept != null) {
            try {
                return Integer.parseInt(kept);
            } catch (NumberFormatException e) {
                // not ours after all: fall back to the logback level
            }
        }
        int n = of(event.getLevel());
        if (n == ERROR && hasCriticalMarker(event)) {
            return CRITICAL;
        }
        return n;
    }

    private static boolean hasCriticalMarker(ILoggingEvent event) {
        if (event.getMarkerList() == null) {
            return false;
        }
        for (Marker m : event.getMarkerList()) {
            if (m.contains("CRITICAL") || m.contains("FATAL")) {
                return true;
            }
        }
        return false;
    }

    /** The logback level of a record with Python level {@code levelno} (rounded down; see above). */
    public static Level toLogback(int levelno) {
        if (levelno >= ERROR) {
            return Level.ERROR;
        }
        if (levelno >= WARNING) {
            return Level.WARN;
        }
        if (levelno >= INFO) {
            return Level.INFO;
        }
        if (levelno >= DEBUG) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }

    /**
     * The logback threshold that lets through what a Python logger set to {@code pythonLevel} would:
     * the lowest logback level whose Python number is at least {@code pythonLevel}. Python CRITICAL
     * (and above) gives ERROR, because logback has no level between ERROR and OFF and silencing
     * errors is worse than showing them.
     */
    public static Level threshold(int pythonLevel) {
        if (pythonLevel <= TRACE) {
            return Level.TRACE;
        }
        if (pythonLevel <= DEBUG) {
            return Level.DEBUG;
        }
        if (pythonLevel <= INFO) {
            return Level.INFO;
        }
        if (pythonLevel <= WARNING) {
            return Level.WARN;
        }
        return Level.ERROR;
    }

    /** Python's name for a level number: DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE, else "Level N". */
    public static String name(int levelno) {
        switch (levelno) {
            case 0: return "NOTSET";
            case TRACE: return "TRACE";
            case DEBUG: return "DEBUG";
            case INFO: return "INFO";
            case WARNING: return "WARNING";
            case ERROR: return "ERROR";
            case CRITICAL: return "CRITICAL";
            default: return "Level " + levelno;
        }
    }

    /** The level number for a Python (or logback) level name, or -1 if the name is not one. */
    public static int parseName(String name) {
        if (name == null) {
            return -1;
        }
        switch (name.strip().toUpperCase(Locale.ROOT)) {
            case "NOTSET": return 0;
            case "TRACE": return TRACE;
            case "DEBUG": return DEBUG;
            case "INFO": return INFO;
            case "WARN":
            case "WARNING": return WARNING;
            case "ERROR": return ERROR;
            case "FATAL":
            case "CRITICAL": return CRITICAL;
            default: return -1;
        }
    }
}

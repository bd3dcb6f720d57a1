package org.pyacq.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ANSI colours for console output, after pyacq's {@code RPCLogHandler}: each source
 * ({@code host:process:thread}) gets one of 18 style and colour combinations, in order of first
 * appearance, and keeps it; messages are coloured by level. Public for tools that format records
 * themselves ({@code pyacq logs}).
 */
public final class AnsiStyles {
    /** Ends a style. */
    public static final String RESET = "\u001b[0m";
    private static final String[] STYLES = {"", "1;", "2;"};          // normal, bright, dim
    private static final String[] COLOURS = {"32", "31", "36", "33", "34", "35"};  // green red cyan yellow blue magenta
    static final int PALETTE_SIZE = STYLES.length * COLOURS.length;
    /** Past this many sources, new ones get a colour from their hash and are not remembered. */
    static final int MAX_REMEMBERED = 4096;

    private final ConcurrentHashMap<String, String> bySource = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /** The escape sequence for {@code n}-th colour of the palette (colours vary fastest, then styles). */
    static String paletteEntry(int n) {
        int i = Math.floorMod(n, PALETTE_SIZE);
        return "\u001b[" + STYLES[i / COLOURS.length] + COLOURS[i % COLOURS.length] + "m";
    }

    /** The source's colour: the next unused one the first time it is seen, the same one after. */
    public String forSource(String source) {
        String style = bySource.get(source);
        if (style != null) {
            return style;
        }
        if (bySource.size() >= MAX_REMEMBERED) {
            return paletteEntry(source.hashCode());
        }
        return bySource.computeIfAbsent(source, s -> paletteEntry(next.getAndIncrement()));
    }

    /**
     * The colour of a message at Python level {@code levelno}, by {@code levelno / 10 * 10}: debug and
     * below dim, info plain (pyacq uses bright white, unreadable on light terminals), warning bright
     * yellow, error bright red, critical on a red background.
     */
    public static String forLevel(int levelno) {
        int bucket = levelno / 10 * 10;
        if (bucket >= PythonLevels.CRITICAL) {
            return "\u001b[41m";
        }
        switch (bucket) {
            case PythonLevels.ERROR: return "\u001b[1;31m";
            case PythonLevels.WARNING: return "\u001b[1;33m";
            case PythonLevels.INFO: return "";
            default: return "\u001b[2m";
        }
    }
}

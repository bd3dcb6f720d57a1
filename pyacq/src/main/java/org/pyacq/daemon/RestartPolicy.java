package org.pyacq.daemon;

import java.util.Locale;

/** When a supervised child that exits is started again. */
public enum RestartPolicy {
    /** Never restart. */
    NO("no"),
    /** Restart when it exits with a non-zero code or is killed (not when it stops cleanly or is stopped). */
    ON_FAILURE("on-failure"),
    /** Restart whenever it exits, unless it was stopped on purpose. */
    ALWAYS("always");

    private final String text;

    RestartPolicy(String text) {
        this.text = text;
    }

    public static RestartPolicy parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (RestartPolicy p : values()) {
            if (p.text.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown restart policy '" + s + "'; use no, on-failure or always");
    }

    /** Whether an unrequested exit with {@code exitCode} calls for a restart. */
    boolean restartsAfter(int exitCode) {
        return this == ALWAYS || this == ON_FAILURE && exitCode != 0;
    }

    @Override
    public String toString() {
        return text;
    }
}

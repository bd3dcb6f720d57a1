package org.pyacq.transport;

import java.util.Locale;

/**
 * Which path a client takes to a server. {@link #AUTO} (the default) takes the same-host Unix
 * socket when the server has one in this user's {@link LocalDirectory}, and ZeroMQ otherwise.
 * Set for the process with the system property {@code pyacq.path} ({@code auto}, {@code local},
 * {@code zeromq}), or per client in its options, e.g. to diagnose one path.
 */
public enum PathChoice {
    /** The local path when the server offers one, else ZeroMQ. */
    AUTO,
    /** Only the local path; fails if the server has none. */
    LOCAL,
    /** Only ZeroMQ (plain or CURVE, as configured). */
    ZEROMQ;

    /** The process default: the system property {@code pyacq.path}, else {@link #AUTO}. */
    public static PathChoice processDefault() {
        String v = System.getProperty("pyacq.path");
        return v == null || v.isBlank() ? AUTO : parse(v);
    }

    /**
     * Reads {@code auto}, {@code local} or {@code zeromq} (any case; {@code zmq} too).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PathChoice parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return AUTO;
            case "local":
                return LOCAL;
            case "zeromq":
            case "zmq":
                return ZEROMQ;
            default:
                throw new IllegalArgumentException("unknown path '" + text + "': use auto, local or zeromq");
        }
    }

    /** The name used in options and messages. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

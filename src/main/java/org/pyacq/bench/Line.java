package org.pyacq.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of the benchmark: a call shape measured over every transport. Latency lines report
 * microseconds per round trip (lower is better); throughput lines report a rate (higher is better).
 */
public enum Line {
    /** Synchronous {@code ping}: one request, one reply, no arguments. */
    PING("ping", "µs", true, 1.3, 1.0),
    /** Synchronous {@code add(int, int)} on a published object. */
    CALL("call", "µs", true, 1.3, 1.0),
    /** {@code add(int, int)} with a window of calls in flight, from one calling thread (RMI: a thread pool). */
    PIPELINE("pipeline", "calls/s", false, 0.5, 3.0),
    /**
     * A {@code double[]} sent as the argument and returned by value. The rate is the payload size
     * (one direction) divided by the round-trip time: {@code MiB / s} of "echoed payload".
     */
    ECHO("echo", "MiB/s", false, 0.8, 3.0),
    /** A 640x480 uint16 image (600 KiB) sent and returned: round trips per second. */
    IMAGE("image", "images/s", false, 0.8, 1.0);

    private final String key;
    private final String unit;
    private final boolean lowerIsBetter;
    private final double rawTarget;
    private final double rmiTarget;

    Line(String key, String unit, boolean lowerIsBetter, double rawTarget, double rmiTarget) {
        this.key = key;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
        this.rawTarget = rawTarget;
        this.rmiTarget = rmiTarget;
    }

    /**
     * The project's target for ours (default mode) against Java RMI in the same run: sync calls
     * at most 1.0x RMI's latency, pipelined calls and the large echo at least 3x RMI's rate.
     */
    public double rmiTarget() {
        return rmiTarget;
    }

    /** True if {@code oursOverRmi} meets {@link #rmiTarget()}. */
    public boolean meetsRmiTarget(double oursOverRmi) {
        return lowerIsBetter ? oursOverRmi <= rmiTarget : oursOverRmi >= rmiTarget;
    }

    /** The name used on the command line and in JSON. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** True for latencies (lower is better), false for rates (higher is better). */
    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /**
     * The project's target for ours/raw: at most this for latency lines, at least this for rates
     * (sync round trip within 1.3x raw JeroMQ, pipelining at least half, echo at least 0.8x).
     */
    public double rawTarget() {
        return rawTarget;
    }

    /** True if {@code oursOverRaw} meets {@link #rawTarget()}. */
    public boolean meetsRawTarget(double oursOverRaw) {
        return lowerIsBetter ? oursOverRaw <= rawTarget : oursOverRaw >= rawTarget;
    }

    /** True if ours beats the other transport, given ours/other. */
    public boolean beats(double oursOverOther) {
        return lowerIsBetter ? oursOverOther < 1 : oursOverOther > 1;
    }

    /** A human title, e.g. {@code pipelined add, 500 in flight}. */
    public String title(BenchOptions options) {
        switch (this) {
            case PING:
                return "sync ping";
            case CALL:
                return "sync add(int,int)";
            case PIPELINE:
                return "pipelined add, " + options.pipelineWindow() + " in flight";
            case IMAGE:
                return "echo 640x480 uint16 image";
            default:
                return "echo double[] " + BenchOptions.formatSize(options.echoBytes());
        }
    }

    /** The line named {@code key} (case-insensitive). */
    public static Line fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Line l : values()) {
            if (l.key.equals(k)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown line '" + key + "'; use one of "
                + Arrays.stream(values()).map(Line::key).collect(Collectors.joining(", ")));
    }
}

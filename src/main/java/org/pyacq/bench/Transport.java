package org.pyacq.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What carries the calls of a benchmark line. */
public enum Transport {
    /**
     * Our RPC as every user gets it: {@code RpcClient} and {@code ObjectProxy} against an
     * {@code RpcServer} with its default security (CURVE on ZeroMQ) and the default path choice,
     * which takes the same-host Unix socket.
     */
    OURS("ours", "pyacq-java RPC, default mode (same-host path)"),
    /** Our RPC forced onto ZeroMQ, plain sockets (what a Python peer or another host gets with --insecure). */
    OURS_ZMQ("ours-zmq", "pyacq-java RPC over ZeroMQ, plain"),
    /** Our RPC forced onto ZeroMQ with CURVE (what another host gets by default). */
    OURS_CURVE("ours-curve", "pyacq-java RPC over ZeroMQ with CURVE"),
    /** A raw JeroMQ DEALER talking to a ROUTER echo loop: the transport alone, no protocol. */
    RAW("raw", "raw JeroMQ DEALER/ROUTER"),
    /** Java RMI against an exported object (in the JDK). */
    RMI("rmi", "Java RMI");

    private final String key;
    private final String description;

    Transport(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** True for the three ways of running our RPC. */
    public boolean isOurs() {
        return this == OURS || this == OURS_ZMQ || this == OURS_CURVE;
    }

    /** The name used on the command line and in JSON. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The transport named {@code key} (case-insensitive). */
    public static Transport fromKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Transport t : values()) {
            if (t.key.equals(k)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + key + "'; use one of "
                + Arrays.stream(values()).map(Transport::key).collect(Collectors.joining(", ")));
    }
}

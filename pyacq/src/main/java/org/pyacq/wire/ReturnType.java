package org.pyacq.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** How the server sends a result back: by value, by proxy, or as it sees fit. */
public enum ReturnType {
    /** By value for plain data (numbers, strings, arrays, immutable collections), by proxy for everything else. */
    AUTO("auto"),
    /** Always a proxy to the result, which stays in the server. */
    PROXY("proxy"),
    /** By value; parts that cannot be serialized are sent as proxies. */
    VALUE("value");

    private final String wireName;
    private final byte[] wireBytes;

    ReturnType(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    public String wireName() {
        return wireName;
    }

    byte[] wireBytes() {
        return wireBytes;
    }

    public static Optional<ReturnType> fromWire(String name) {
        for (ReturnType r : values()) {
            if (r.wireName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The return type whose wire name is the frame's content, or null. */
    static ReturnType fromWire(java.nio.ByteBuffer frame) {
        for (ReturnType r : values()) {
            if (FrameBytes.equal(frame, r.wireBytes)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}

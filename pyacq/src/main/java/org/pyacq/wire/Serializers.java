package org.pyacq.wire;

import java.util.List;
import java.util.Optional;

/** The serializers of the protocol, by name. */
public final class Serializers {
    /** msgpack with bin for bytes and str for text, as Python pyacq uses it. */
    public static final Serializer MSGPACK = new MsgpackSerializer(DecodeLimits.DEFAULT);
    /** JSON with the tagged forms of PROTOCOL.md section 4 (bytes and arrays as base64). */
    public static final Serializer JSON = new JsonSerializer(DecodeLimits.DEFAULT);

    private static final List<Serializer> ALL = List.of(MSGPACK, JSON);

    private Serializers() {
    }

    /** msgpack decoding within other limits (the wire format is the same). */
    public static Serializer msgpack(DecodeLimits limits) {
        return new MsgpackSerializer(java.util.Objects.requireNonNull(limits, "limits"));
    }

    /** JSON decoding within other limits (the wire format is the same). */
    public static Serializer json(DecodeLimits limits) {
        return new JsonSerializer(java.util.Objects.requireNonNull(limits, "limits"));
    }

    /** The serializer with this wire name, or empty if the protocol has none by that name. */
    public static Optional<Serializer> forName(String name) {
        for (Serializer s : ALL) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The serializer whose wire name is the frame's content, or null. */
    static Serializer forName(java.nio.ByteBuffer frame) {
        if (FrameBytes.equal(frame, MSGPACK_NAME)) {
            return MSGPACK;
        } else if (FrameBytes.equal(frame, JSON_NAME)) {
            return JSON;
        }
        return null;
    }

    private static final byte[] MSGPACK_NAME = "msgpack".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] JSON_NAME = "json".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The names of all serializers, for error messages. */
    public static List<String> names() {
        return ALL.stream().map(Serializer::name).toList();
    }
}

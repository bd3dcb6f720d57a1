package org.pyacq.wire;

import java.nio.ByteBuffer;

/**
 * Encodes a value into one frame and decodes one frame into a value, in one of the protocol's
 * formats ({@code msgpack}, {@code json}). Implementations are stateless and thread-safe; find
 * them by name with {@link Serializers#forName}.
 */
public interface Serializer {

    /** The format's name on the wire (frame 3 of a request). */
    String name();

    /**
     * Appends the encoding of {@code value} to {@code out}.
     *
     * @throws WireFormatException if the value (or something inside it) cannot be encoded and
     *     {@code mapper} does not replace it
     */
    void encode(Object value, ValueMapper mapper, FrameBuffer out);

    /**
     * Decodes the frame's remaining bytes.
     *
     * @throws WireFormatException if the bytes are not one well-formed value within {@link DecodeLimits}
     */
    Object decode(ByteBuffer frame, ValueMapper mapper);

    /** Encodes into a new heap array; convenient outside hot paths. */
    default byte[] encodeToBytes(Object value, ValueMapper mapper) {
        FrameBuffer out = FrameBuffer.heap(256);
        encode(value, mapper, out);
        return out.toByteArray();
    }
}

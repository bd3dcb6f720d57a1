package org.pyacq.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One request as the server reads it (PROTOCOL.md section 2): id, action, return type, serializer
 * and the still-encoded options.
 */
public record Request(long reqId, Action action, ReturnType returnType, Serializer serializer, ByteBuffer options) {

    /** The id of a request that wants no reply (sync mode {@code off}). */
    public static final long NO_REPLY = -1;
    /** Frames in a request, not counting the identity frame that a ROUTER socket adds. */
    public static final int FRAME_COUNT = 5;

    public boolean wantsReply() {
        return reqId != NO_REPLY;
    }

    /**
     * Decodes the options frame; an empty frame means no options.
     *
     * @throws WireFormatException if the frame is not a map
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decodeOptions(ValueMapper mapper) {
        if (!options.hasRemaining()) {
            return Map.of();
        }
        Object value = serializer.decode(options, mapper);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new WireFormatException("request options must be a map, got " + TaggedValues.describe(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new WireFormatException("request option names must be text, got " + TaggedValues.describe(key));
            }
        }
        return (Map<String, Object>) map;
    }

    /**
     * Reads the five frames of a request.
     *
     * @throws MalformedRequestException saying what is wrong, with the request id if it was readable
     */
    public static Request parse(List<ByteBuffer> frames) {
        return parse(frames, frames.size());
    }

    /**
     * Like {@link #parse(List)} for a message of which only the first frames were kept;
     * {@code frameCount} is how many it had.
     */
    public static Request parse(List<ByteBuffer> frames, int frameCount) {
        OptionalLong id = frames.isEmpty() ? OptionalLong.empty() : parseId(frames.get(0));
        if (frameCount != FRAME_COUNT || frames.size() != FRAME_COUNT) {
            throw new MalformedRequestException("a request has " + FRAME_COUNT + " frames (id, action, return type,"
                    + " serializer, options), got " + frameCount, id, Serializers.MSGPACK);
        }
        Serializer serializer = Serializers.forName(frames.get(3));
        Serializer replyIn = serializer != null ? serializer : Serializers.MSGPACK;
        if (id.isEmpty()) {
            throw new MalformedRequestException("request id '" + ascii(frames.get(0))
                    + "' is not a decimal integer", id, replyIn);
        }
        Action action = Action.fromWire(frames.get(1));
        if (action == null) {
            throw new MalformedRequestException("unknown action '" + ascii(frames.get(1)) + "'; the protocol has "
                    + List.of(Action.values()), id, replyIn);
        }
        ReturnType returnType = ReturnType.fromWire(frames.get(2));
        if (returnType == null) {
            throw new MalformedRequestException("unknown return type '" + ascii(frames.get(2))
                    + "'; use auto, proxy or value", id, replyIn);
        }
        if (serializer == null) {
            throw new MalformedRequestException("unknown serializer '" + ascii(frames.get(3)) + "'; use one of "
                    + Serializers.names(), id, replyIn);
        }
        return new Request(id.getAsLong(), action, returnType, serializer, frames.get(4).slice());
    }

    /** The first four frames of a request (the options frame is encoded separately). */
    public static byte[][] headerFrames(long reqId, Action action, ReturnType returnType, Serializer serializer) {
        return new byte[][] {
            Long.toString(reqId).getBytes(StandardCharsets.US_ASCII),
            action.wireBytes(),
            returnType.wireBytes(),
            serializer.name().getBytes(StandardCharsets.US_ASCII),
        };
    }

    private static OptionalLong parseId(ByteBuffer frame) {
        Long v = FrameBytes.decimal(frame);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static String ascii(ByteBuffer frame) {
        byte[] b = new byte[Math.min(frame.remaining(), 64)];
        frame.duplicate().get(b);
        String s = new String(b, StandardCharsets.US_ASCII);
        return frame.remaining() > 64 ? s + "..." : s;
    }
}

package org.pyacq.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The routing part of a reply, read without decoding its value: whether it is a disconnect
 * notice, and which request it answers. Lets a client set aside replies for other calls before
 * paying for (and acting on) their contents.
 */
public record ReplyHeader(boolean disconnect, long reqId) {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Reads the header of a reply frame.
     *
     * @throws WireFormatException if the frame is not a reply map
     */
    public static ReplyHeader peek(Serializer serializer, ByteBuffer frame) {
        try {
            return serializer == Serializers.JSON ? peekJson(frame) : peekMsgpack(frame);
        } catch (IOException e) {
            throw new WireFormatException("malformed reply: " + e.getMessage(), e);
        }
    }

    private static ReplyHeader peekMsgpack(ByteBuffer frame) {
        ByteBuffer in = frame.slice();
        if (in.hasArray()) {
            return scanMsgpack(in);
        }
        // direct memory: the routing keys come first (in pyacq's replies and ours), so copy a prefix
        int prefix = Math.min(in.remaining(), 4096);
        try {
            return scanMsgpack(ByteBuffer.allocate(prefix).put(in.duplicate().limit(prefix)).flip());
        } catch (WireFormatException e) {
            if (prefix == in.remaining()) {
                throw e;
            }
            return scanMsgpack(ByteBuffer.allocate(in.remaining()).put(in.duplicate()).flip());
        }
    }

    private static ReplyHeader scanMsgpack(ByteBuffer in) {
        MsgpackScan scan = new MsgpackScan(in);
        int n = scan.mapHeader();
        String action = null;
        Long id = null;
        for (int i = 0; i < n && (action == null || id == null); i++) {
            String key = scan.stringOrSkip();
            if ("action".equals(key)) {
                action = scan.stringOrSkip();
            } else if ("req_id".equals(key)) {
                id = scan.integerOrSkip();
            } else {
                scan.skip();
            }
        }
        return header(action, id);
    }

    private static ReplyHeader peekJson(ByteBuffer frame) throws IOException {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new WireFormatException("a reply must be a map");
            }
            String action = null;
            Long id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME && (action == null || id == null)) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("action") && t == JsonToken.VALUE_STRING) {
                    action = p.getText();
                } else if (key.equals("req_id") && t == JsonToken.VALUE_NUMBER_INT) {
                    id = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            return header(action, id);
        }
    }

    private static ReplyHeader header(String action, Long id) {
        if ("disconnect".equals(action)) {
            return new ReplyHeader(true, Request.NO_REPLY);
        }
        if (!"return".equals(action)) {
            throw new WireFormatException("unknown reply action '" + action + "'");
        }
        if (id == null) {
            throw new WireFormatException("reply has no integer 'req_id'");
        }
        return new ReplyHeader(false, id);
    }
}

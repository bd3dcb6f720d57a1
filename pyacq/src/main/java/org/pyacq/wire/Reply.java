package org.pyacq.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message from server to client (PROTOCOL.md section 3): a result, an error, or the unsolicited
 * disconnect notice.
 */
public record Reply(Kind kind, long reqId, Object value, String errorType, List<String> errorLines) {

    /** What a reply says. */
    public enum Kind { RESULT, ERROR, DISCONNECT }

    public Reply {
        errorLines = errorLines == null ? List.of() : List.copyOf(errorLines);
    }

    public static Reply result(long reqId, Object value) {
        return new Reply(Kind.RESULT, reqId, value, null, null);
    }

    public static Reply error(long reqId, String type, List<String> lines) {
        return new Reply(Kind.ERROR, reqId, null, type, lines);
    }

    public static Reply disconnect() {
        return new Reply(Kind.DISCONNECT, Request.NO_REPLY, null, null, null);
    }

    /** The map to serialize. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new LinkedHashMap<>(8);
        if (kind == Kind.DISCONNECT) {
            m.put("action", "disconnect");
            return m;
        }
        m.put("action", "return");
        m.put("req_id", reqId);
        m.put("rval", value);
        m.put("error", kind == Kind.ERROR ? List.of(errorType, errorLines) : null);
        return m;
    }

    /**
     * Reads a decoded reply map.
     *
     * @throws WireFormatException if it is not a reply of the protocol
     */
    public static Reply fromWire(Object decoded) {
        if (!(decoded instanceof Map<?, ?> m)) {
            throw new WireFormatException("a reply must be a map, got " + TaggedValues.describe(decoded));
        }
        Object action = m.get("action");
        if ("disconnect".equals(action)) {
            return disconnect();
        }
        if (!"return".equals(action)) {
            throw new WireFormatException("unknown reply action '" + action + "'");
        }
        Object id = m.get("req_id");
        if (!(id instanceof Integer || id instanceof Long)) {
            throw new WireFormatException("reply 'req_id' must be an integer, got " + TaggedValues.describe(id));
        }
        long reqId = ((Number) id).longValue();
        Object error = m.get("error");
        if (error == null) {
            return result(reqId, m.get("rval"));
        }
        if (error instanceof List<?> e && e.size() == 2 && e.get(1) instanceof List<?> lines) {
            List<String> text = new ArrayList<>(lines.size());
            for (Object line : lines) {
                text.add(String.valueOf(line));
            }
            return error(reqId, String.valueOf(e.get(0)), text);
        }
        throw new WireFormatException("reply 'error' must be [type, [lines]], got " + error);
    }
}

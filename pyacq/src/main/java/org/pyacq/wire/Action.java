package org.pyacq.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The request actions of the pyacq protocol, with their names on the wire. */
public enum Action {
    CALL_OBJ("call_obj"),
    GET_OBJ("get_obj"),
    GET_ITEM("get_item"),
    SET_ITEM("set_item"),
    DELETE("delete"),
    IMPORT("import"),
    PING("ping"),
    CLOSE("close"),
    /** Extension (docs/LIFETIME.md): renews the caller's lease; only our Java clients send it, only to servers that answer it. */
    LEASE("lease");

    private final String wireName;
    private final byte[] wireBytes;

    Action(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    /** The name as sent in frame 1 of a request, e.g. {@code call_obj}. */
    public String wireName() {
        return wireName;
    }

    byte[] wireBytes() {
        return wireBytes;
    }

    /** The action with this wire name, or empty for a name the protocol does not define. */
    public static Optional<Action> fromWire(String name) {
        for (Action a : values()) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        // names used by pyacq releases before get_item/set_item
        if ("getitem".equals(name)) {
            return Optional.of(GET_ITEM);
        } else if ("setitem".equals(name)) {
            return Optional.of(SET_ITEM);
        }
        return Optional.empty();
    }

    /** The action whose wire name is the frame's content, or null. */
    static Action fromWire(java.nio.ByteBuffer frame) {
        for (Action a : values()) {
            if (FrameBytes.equal(frame, a.wireBytes)) {
                return a;
            }
        }
        if (FrameBytes.equal(frame, GETITEM)) {
            return GET_ITEM;
        } else if (FrameBytes.equal(frame, SETITEM)) {
            return SET_ITEM;
        }
        return null;
    }

    private static final byte[] GETITEM = "getitem".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SETITEM = "setitem".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String toString() {
        return wireName;
    }
}

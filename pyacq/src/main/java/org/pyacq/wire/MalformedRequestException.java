package org.pyacq.wire;

import java.util.OptionalLong;

/**
 * A request that breaks the protocol. When its id could be read it carries it, so that the server
 * can answer with an error reply; otherwise the server can only log it.
 */
public class MalformedRequestException extends WireFormatException {
    private static final long serialVersionUID = 1L;
    private final long reqId;
    private final boolean hasReqId;
    private final transient Serializer replySerializer;

    public MalformedRequestException(String message, OptionalLong reqId, Serializer replySerializer) {
        super(message);
        this.hasReqId = reqId.isPresent();
        this.reqId = reqId.orElse(Request.NO_REPLY);
        this.replySerializer = replySerializer;
    }

    /** The id of the request, if it could be read and asks for a reply. */
    public OptionalLong reqId() {
        return hasReqId && reqId != Request.NO_REPLY ? OptionalLong.of(reqId) : OptionalLong.empty();
    }

    /** The serializer to answer in: the request's own if it named a known one, else msgpack. */
    public Serializer replySerializer() {
        return replySerializer;
    }
}

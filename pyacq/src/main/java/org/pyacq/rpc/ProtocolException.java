package org.pyacq.rpc;

/** A peer sent something that breaks the wire protocol (a malformed reply, an unknown action). */
public class ProtocolException extends RpcException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

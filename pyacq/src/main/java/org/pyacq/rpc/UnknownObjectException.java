package org.pyacq.rpc;

/** A request named an object id or reference id that the server does not hold (any more). */
public class UnknownObjectException extends RpcException {
    private static final long serialVersionUID = 1L;

    public UnknownObjectException(String message) {
        super(message);
    }
}

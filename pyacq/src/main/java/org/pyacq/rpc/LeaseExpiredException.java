package org.pyacq.rpc;

/**
 * A request used an object whose reference the server dropped because the lease of the client
 * that held it expired (the client stopped renewing: it was suspended, cut off or too busy). The
 * message names the object, the server, the lease time and when the lease expired.
 */
public class LeaseExpiredException extends UnknownObjectException {
    private static final long serialVersionUID = 1L;

    public LeaseExpiredException(String message) {
        super(message);
    }
}

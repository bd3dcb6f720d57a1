package org.pyacq.rpc;

/**
 * The server went away: it sent its disconnect notice, its process died, or the client was
 * closed. Every pending call fails with this at once, and so does every later call.
 */
public class ServerDisconnectedException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String address;

    public ServerDisconnectedException(String address, String message) {
        super(message);
        this.address = address;
    }

    public ServerDisconnectedException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    public String address() {
        return address;
    }
}

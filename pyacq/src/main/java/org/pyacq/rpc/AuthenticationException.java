package org.pyacq.rpc;

/**
 * The server refused this client's key (CURVE authentication failed). The connection is not
 * retried: every call through this client fails with this at once.
 */
public class AuthenticationException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String address;

    public AuthenticationException(String address) {
        super("the server at " + address + " refused this client's key (CURVE authentication failed): only clients "
                + "holding a key it accepts may connect, normally the key file of the user who runs it (see "
                + "docs/SECURITY.md); a server started with --insecure needs --insecure here too");
        this.address = address;
    }

    /** The server that refused us. */
    public String address() {
        return address;
    }
}

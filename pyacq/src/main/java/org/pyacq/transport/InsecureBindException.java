package org.pyacq.transport;

/**
 * A socket without authentication was asked to bind an address other machines can reach. Anyone
 * who could connect to it could run code as this user, so it is refused unless explicitly allowed.
 */
public class InsecureBindException extends TransportException {
    private static final long serialVersionUID = 1L;
    private final String address;

    public InsecureBindException(String address) {
        super("refusing to bind " + address + " without authentication: anyone who can reach it could run code as "
                + "this user. Bind a loopback address (e.g. tcp://127.0.0.1:*), or leave insecure mode (--insecure) to"
                + " use CURVE authentication; only on a network you trust, allow it explicitly with"
                + " --allow-insecure-remote (allow_insecure_remote = true in pyacqd.conf, allowInsecureRemote(true) in"
                + " code)");
        this.address = address;
    }

    /** The address that was refused. */
    public String address() {
        return address;
    }
}

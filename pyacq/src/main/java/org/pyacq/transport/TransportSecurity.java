package org.pyacq.transport;

import org.zeromq.ZMQ;

/**
 * How sockets authenticate and encrypt. Applied to each socket before it binds or connects.
 * {@link CurveSecurity} (the default, see {@link DefaultSecurity}) authenticates
 * and encrypts; {@link #PLAIN} does neither and exists to talk to stock Python pyacq peers.
 */
public interface TransportSecurity {

    /** Prepares a socket that binds (servers, log servers, bootstrap listeners). */
    void applyToServer(ZMQ.Socket socket);

    /**
     * Prepares a socket that connects (clients, log senders) to {@code address} (null if not known:
     * then a CURVE client expects the server key it was given, or its own).
     */
    void applyToClient(ZMQ.Socket socket, String address);

    /** {@link #applyToClient(ZMQ.Socket, String)} without the address. */
    default void applyToClient(ZMQ.Socket socket) {
        applyToClient(socket, null);
    }

    /** True when sockets use no authentication (then only allowed on loopback addresses, see {@link #allowsInsecureRemote}). */
    boolean isPlain();

    /**
     * True if a plain socket may bind an address other machines can reach. Only a security made by
     * {@link #plain(boolean) plain(true)} says yes: anyone who reaches such a socket can run code as
     * this user.
     */
    default boolean allowsInsecureRemote() {
        return false;
    }

    /**
     * No authentication, no encryption: what stock Python pyacq speaks. Binding anything but a
     * loopback address with it is refused.
     */
    TransportSecurity PLAIN = new PlainSecurity(false);

    /**
     * Plain sockets; with {@code allowRemote}, also on addresses other machines can reach (an
     * explicit second choice, for trusted networks only).
     */
    static TransportSecurity plain(boolean allowRemote) {
        return allowRemote ? PlainSecurity.ANY_ADDRESS : PLAIN;
    }
}

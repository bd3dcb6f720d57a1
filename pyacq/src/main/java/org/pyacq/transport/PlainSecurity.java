package org.pyacq.transport;

import org.zeromq.ZMQ;

/** {@link TransportSecurity#PLAIN}: ZeroMQ's NULL mechanism, no authentication, no encryption. */
final class PlainSecurity implements TransportSecurity {
    static final PlainSecurity ANY_ADDRESS = new PlainSecurity(true);

    private final boolean allowRemote;

    PlainSecurity(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    @Override
    public void applyToServer(ZMQ.Socket socket) {
        // NULL mechanism: nothing to set
    }

    @Override
    public void applyToClient(ZMQ.Socket socket, String address) {
        // NULL mechanism: nothing to set
    }

    @Override
    public boolean isPlain() {
        return true;
    }

    @Override
    public boolean allowsInsecureRemote() {
        return allowRemote;
    }

    @Override
    public String toString() {
        return allowRemote ? "plain (any address)" : "plain";
    }
}

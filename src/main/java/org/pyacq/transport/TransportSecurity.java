package org.pyacq.transport;

import org.zeromq.ZMQ;

/**
 * How sockets authenticate and encrypt. Applied to each socket before it binds or connects.
 */
public interface TransportSecurity {

    /** Prepares a socket that binds (servers, log servers, bootstrap listeners). */
    void applyToServer(ZMQ.Socket socket);

    /** Prepares a socket that connects (clients, log senders). */
    void applyToClient(ZMQ.Socket socket);

    /** True when sockets use no authentication (only allowed on loopback addresses). */
    boolean isPlain();

    /** No authentication, no encryption: what stock Python pyacq speaks. */
    TransportSecurity PLAIN = new TransportSecurity() {
        @Override
        public void applyToServer(ZMQ.Socket socket) {
        }

        @Override
        public void applyToClient(ZMQ.Socket socket) {
        }

        @Override
        public boolean isPlain() {
            return true;
        }

        @Override
        public String toString() {
            return "plain";
        }
    };
}

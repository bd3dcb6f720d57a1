package org.pyacq.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * RMI server sockets on the loopback interface only, remembering the port of the last one (RMI
 * gives no other way to learn which anonymous port a registry got). One instance per export, so
 * identity equality is the right notion of "same factory" for RMI.
 */
final class LoopbackServerSockets implements RMIServerSocketFactory {
    private volatile int lastPort = -1;

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        lastPort = s.getLocalPort();
        return s;
    }

    /** The port of the last server socket made, or -1. */
    int lastPort() {
        return lastPort;
    }
}

package org.pyacq.transport;

import java.util.Objects;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A bound PUB socket: each message goes to every subscriber connected at the time (the daemon's
 * live log feed). Messages for a slow subscriber are dropped, never waited for. One owner thread.
 */
public final class Publisher implements AutoCloseable {
    private final ZMQ.Socket socket;
    private final String endpoint;

    private Publisher(ZMQ.Socket socket) {
        this.socket = socket;
        this.endpoint = Sockets.endpoint(socket);
    }

    /**
     * Binds {@code address} (subscribers send only subscriptions: small messages).
     *
     * @throws InsecureBindException if a plain socket would bind a non-loopback address without permission
     */
    public static Publisher bind(String address, TransportSecurity security, boolean allowInsecureRemote) {
        Objects.requireNonNull(security, "security");
        return new Publisher(ServerSockets.bind(SocketType.PUB, address, security, SocketOptions.builder()
                .maxMessageBytes(Sockets.CONTROL_MAX_MESSAGE_BYTES).allowInsecureRemote(allowInsecureRemote).build()));
    }

    /** The address subscribers connect to. */
    public String endpoint() {
        return endpoint;
    }

    /** Sends {@code message} to the current subscribers without waiting. */
    public void publish(byte[] message) {
        socket.send(message, ZMQ.DONTWAIT);
    }

    @Override
    public void close() {
        socket.close();
    }
}

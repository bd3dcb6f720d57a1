package org.pyacq.transport;

/**
 * Logs CURVE handshakes that fail on a server socket before authentication (a client that does not
 * know the server's public key, or sends garbage), once per listening address and reason. Refused
 * keys are logged by {@link CurveAuthenticator}. Runs on JeroMQ's I/O thread.
 */
final class ServerHandshakeWatch implements zmq.ZMQ.EventConsummer {
    private static final RateLimitedLog LOG = new RateLimitedLog(CurveAuthenticator.log, 64);

    @Override
    public void consume(zmq.ZMQ.Event event) {
        if (event.event == zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL) {
            String reason = reason(event.arg);
            LOG.warn(event.addr + "/" + reason, "a client failed the secure handshake at {} ({}): it does not hold this "
                    + "server's public key, or does not speak CURVE; it gets no answer", event.addr, reason);
        }
    }

    private static String reason(Object code) {
        if (code instanceof Integer c) {
            if (c == zmq.ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC) {
                return "cryptographic error";
            }
            if (c == zmq.ZMQ.ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE) {
                return "key exchange error";
            }
            return "protocol error 0x" + Integer.toHexString(c);
        }
        return String.valueOf(code);
    }
}

package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ 0.6.0 hands the application a still-encrypted message when a CURVE socket's receive queue
 * was full; {@link CurveSecurity} keeps those queues unbounded. Many messages through a socket
 * asked for a tiny receive queue must all arrive intact and in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurveQueueTest {
    @Test
    void aSecureReceiverNeverSeesAnEncryptedMessage() throws Exception {
        CurveSecurity security = CurveSecurity.forUser(KeyPair.generate());
        ZMQ.Socket pull = ServerSockets.bindPull("tcp://127.0.0.1:*", security,
                SocketOptions.builder().maxMessageBytes(1 << 20).receiveHwm(10).build());
        try (ZContext senderContext = new ZContext(1)) {
            ZMQ.Socket push = ClientSockets.connectPush(senderContext, Sockets.endpoint(pull), security,
                    SocketOptions.builder().sendHwm(10_000).maxMessageBytes(Sockets.CONTROL_MAX_MESSAGE_BYTES).build(), null);
            int n = 5000;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    push.send(("message " + i + " " + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII), 0);
                }
            }, "curve-queue-sender");
            sender.start();
            pull.setReceiveTimeOut(20_000);
            for (int i = 0; i < n; i++) {
                byte[] got = pull.recv();
                assertNotNull(got, "message " + i + " never came");
                assertEquals("message " + i + " " + "x".repeat(100), new String(got, StandardCharsets.US_ASCII));
            }
            sender.join();
            push.close();
        } finally {
            pull.close();
        }
    }
}

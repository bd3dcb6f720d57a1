package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.rpc.RpcServer;
import org.pyacq.testing.Await;

/**
 * JeroMQ ends a connecting socket's session when the server refuses its key, pipe included, and
 * does not reconnect: a DEALER then has nowhere to queue a message. A client's send gives up after
 * its send timeout with a TransportException instead of blocking forever (seen as a command line
 * that hung when another host's daemon refused its key before its first request went out).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusedClientSendTest {
    @Test
    void aSendAfterTheServerRefusedTheKeyFailsInsteadOfBlocking() {
        try (RpcServer server = RpcServer.builder().name("guarded").build().start()) {
            CurveSecurity stranger = CurveSecurity.builder(KeyPair.generate())
                    .serverKey(((CurveSecurity) DefaultSecurity.get()).serverKey()).build();
            CountDownLatch refused = new CountDownLatch(1);
            ZmqClientLink link = new ZmqClientLink(server.address(), "stranger".getBytes(StandardCharsets.US_ASCII),
                    stranger, 1 << 20, new ConnectionWatch.Listener() {
                        @Override
                        public void lost() {
                        }

                        @Override
                        public void refused(int status) {
                            refused.countDown();
                        }
                    });
            try {
                Await.until("the server to refuse the key", () -> refused.getCount() == 0);
                // sends may still queue until JeroMQ has torn the pipe down; then one must fail, not block
                Await.until("a send to fail", () -> {
                    try {
                        // one frame per message: JeroMQ asserts if a pipe goes away between the frames of one
                        link.send(new byte[0][], ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
                        return false;
                    } catch (TransportException e) {
                        assertTrue(e.getMessage().startsWith("no connection took the message within"), e.getMessage());
                        return true;
                    }
                });
            } finally {
                link.close();
            }
        }
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A request bigger than the server's message limit costs the sender its connection, nobody else anything. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageLimitTest {
    @Test
    void anOversizedRequestIsDroppedAndTheServerKeepsServing() {
        try (RpcServer server = RpcServer.builder().name("limited").maxMessageBytes(64 * 1024).build().start()) {
            server.publish("svc", new TestService("limited"));
            try (RpcClient big = RpcClient.open(server.address(),
                    ClientOptions.builder().timeout(Duration.ofSeconds(5)).build())) {
                ObjectProxy svc = (ObjectProxy) big.get("svc");
                RpcException e = assertThrows(RpcException.class, () -> svc.invoke("echo", new byte[1 << 20]));
                assertTrue(e instanceof ServerDisconnectedException || e instanceof RpcTimeoutException, e.toString());
            }
            try (RpcClient small = RpcClient.open(server.address(), ClientOptions.defaults())) {
                ObjectProxy svc = (ObjectProxy) small.get("svc");
                assertArrayEquals(new byte[1000], (byte[]) svc.invoke("echo", new byte[1000]));
                assertEquals(5, svc.invoke("add", 2, 3));
            }
        }
    }

    @Test
    void theLimitIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RpcServer.builder().maxMessageBytes(10));
        assertEquals("maxMessageBytes must be at least 1024, got 10", e.getMessage());
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.log.LogServer;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.InsecureBindException;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Plain mode (what {@code --insecure} selects) talks to plain peers such as stock Python pyacq, and
 * only on loopback unless a second, explicit option allows more.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InsecureModeTest {
    private static final String EXPECTED_REFUSAL = "refusing to bind tcp://0.0.0.0:* without authentication: anyone"
            + " who can reach it could run code as this user. Bind a loopback address (e.g. tcp://127.0.0.1:*), or"
            + " leave insecure mode (--insecure) to use CURVE authentication; only on a network you trust, allow it"
            + " explicitly with --allow-insecure-remote (allow_insecure_remote = true in pyacqd.conf,"
            + " allowInsecureRemote(true) in code)";

    private TransportSecurity previous;

    @BeforeEach
    void insecure() {
        previous = DefaultSecurity.peek();
        DefaultSecurity.useInsecure(false);
    }

    @AfterEach
    void secureAgain() {
        DefaultSecurity.restore(previous);
    }

    @Test
    void anInsecureServerAnswersAPlainClient() {
        try (RpcServer server = RpcServer.builder().name("plain").build().start()) {
            ZMQ.Socket plain = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                plain.setLinger(0);
                plain.setReceiveTimeOut(10_000);
                plain.connect(server.address());
                plain.send("3", ZMQ.SNDMORE);
                plain.send("ping", ZMQ.SNDMORE);
                plain.send("auto", ZMQ.SNDMORE);
                plain.send("json", ZMQ.SNDMORE);
                plain.send(new byte[0], 0);
                byte[] reply = plain.recv();
                assertNotNull(reply, "a plain client is answered in insecure mode");
                assertTrue(new String(reply, StandardCharsets.UTF_8).contains("\"pong\""));
            } finally {
                plain.close();
            }
            try (RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
                assertTrue(client.options().security().isPlain());
                client.ping();
            }
        }
    }

    @Test
    void anInsecureServerIsRefusedOnANonLoopbackAddress() {
        InsecureBindException e = assertThrows(InsecureBindException.class,
                () -> RpcServer.builder().address("tcp://0.0.0.0:*").build());
        assertEquals(EXPECTED_REFUSAL, e.getMessage());
        assertEquals("tcp://0.0.0.0:*", e.address());
        assertThrows(InsecureBindException.class,
                () -> LogServer.builder().address("tcp://0.0.0.0:*").build(), "log servers are refused too");
    }

    @Test
    void theSecondOptionAllowsAnInsecureServerOnAnyAddress() {
        try (RpcServer server = RpcServer.builder().address("tcp://0.0.0.0:*").allowInsecureRemote(true).build().start();
             RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            client.ping();
        }
        DefaultSecurity.useInsecure(true);
        try (RpcServer server = RpcServer.builder().address("tcp://0.0.0.0:*").build().start()) {
            // bound to every interface, it advertises an address other hosts can dial
            assertTrue(server.address().startsWith("tcp://" + org.pyacq.transport.Endpoints.advertisedHost() + ":"),
                    server.address());
        }
    }

    @Test
    void aSecureServerMayBindAnyAddress() {
        DefaultSecurity.restore(previous);
        assertTrue(DefaultSecurity.get() instanceof CurveSecurity);
        try (RpcServer server = RpcServer.builder().address("tcp://0.0.0.0:*").build().start();
             RpcClient client = RpcClient.open(server.address().replace("0.0.0.0", "127.0.0.1"), ClientOptions.defaults())) {
            client.ping();
        }
    }

    @Test
    void plainModeIsNeverTheDefault() {
        DefaultSecurity.restore(null);
        assertTrue(DefaultSecurity.get() instanceof CurveSecurity, "with nothing chosen, sockets use CURVE");
        assertEquals(false, DefaultSecurity.isInsecure());
    }
}

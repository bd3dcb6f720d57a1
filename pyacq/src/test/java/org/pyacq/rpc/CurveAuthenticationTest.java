package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * By default every server authenticates its clients with CURVE: a client with this user's key is
 * served; one without a key, with another key, or that does not know the server's key gets no answer
 * at all, the server logs the refusal once, and keeps serving everyone else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurveAuthenticationTest {
    private RpcServer server;
    private ListAppender<ILoggingEvent> warnings;
    private Logger securityLog;

    @BeforeEach
    void start() {
        server = RpcServer.builder().name("guarded").build().start();
        server.publish("svc", new TestService("guarded"));
        securityLog = (Logger) LoggerFactory.getLogger(CurveSecurity.class);
        warnings = new ListAppender<>();
        warnings.start();
        securityLog.addAppender(warnings);
    }

    @AfterEach
    void stop() {
        securityLog.detachAppender(warnings);
        server.close();
    }

    /** A raw DEALER, the way any program could try to talk to the server. */
    private ZMQ.Socket raw(TransportSecurity security) {
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.DEALER);
        s.setLinger(0);
        s.setReceiveTimeOut(1000);
        security.applyToClient(s);
        s.connect(server.address());
        return s;
    }

    private static void sendPing(ZMQ.Socket s, long id) {
        s.send(Long.toString(id), ZMQ.SNDMORE);
        s.send("ping", ZMQ.SNDMORE);
        s.send("auto", ZMQ.SNDMORE);
        s.send("json", ZMQ.SNDMORE);
        s.send(new byte[0], 0);
    }

    private void assertServerStillServesItsUser() {
        try (RpcClient ok = RpcClient.open(server.address(), ClientOptions.defaults())) {
            ObjectProxy svc = (ObjectProxy) ok.get("svc");
            assertEquals(5, svc.invoke("add", 2, 3));
        }
    }

    private List<String> refusals() {
        return warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theDefaultIsCurveWithTheUsersKey() {
        TransportSecurity security = DefaultSecurity.get();
        assertTrue(security instanceof CurveSecurity, String.valueOf(security));
        try (RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            client.ping();
        }
        ZMQ.Socket keyed = raw(security);
        try {
            sendPing(keyed, 1);
            assertTrue(new String(keyed.recv(), StandardCharsets.UTF_8).contains("pong"));
        } finally {
            keyed.close();
        }
    }

    @Test
    void aClientWithoutAKeyGetsNoAnswer() {
        ZMQ.Socket plain = raw(TransportSecurity.PLAIN);
        try {
            sendPing(plain, 1);
            assertNull(plain.recv(), "a plain client must get nothing");
        } finally {
            plain.close();
        }
        assertServerStillServesItsUser();
    }

    @Test
    void aClientWithAnotherKeyIsRefusedAndTheRefusalIsLoggedOnce() {
        KeyPair stranger = KeyPair.generate();
        CurveSecurity strangersKeys = CurveSecurity.builder(stranger)
                .serverKey(((CurveSecurity) DefaultSecurity.get()).serverKey()).build();
        for (int i = 0; i < 3; i++) {
            ZMQ.Socket s = raw(strangersKeys);
            try {
                sendPing(s, i);
                assertNull(s.recv(), "a client with another key must get nothing");
            } finally {
                s.close();
            }
        }
        // over ZeroMQ: the same-host path admits this user's processes by uid, whatever key they hold
        try (RpcClient client = RpcClient.open(server.address(), ClientOptions.builder().security(strangersKeys)
                .path(org.pyacq.transport.PathChoice.ZEROMQ).timeout(Duration.ofSeconds(20)).build())) {
            AuthenticationException e = assertThrows(AuthenticationException.class, client::ping);
            assertEquals(server.address(), e.address());
            assertTrue(e.getMessage().startsWith("the server at " + server.address() + " refused this client's key"),
                    e.getMessage());
            assertThrows(AuthenticationException.class, client::ping, "later calls fail at once too");
        }
        assertServerStillServesItsUser();
        List<String> logged = refusals().stream().filter(m -> m.contains(stranger.fingerprint())).toList();
        assertEquals(1, logged.size(), "one warning for four attempts from one peer: " + refusals());
        assertEquals("refused a connection from 127.0.0.1: its key (fingerprint " + stranger.fingerprint() + ") is not"
                + " one this server accepts (server keys from " + org.pyacq.transport.UserKeys.keyFile(
                        org.pyacq.transport.UserKeys.defaultDirectory()) + ") nor one in "
                + org.pyacq.transport.AuthorizedKeys.directoryOf(org.pyacq.transport.UserKeys.defaultDirectory())
                        .toAbsolutePath()
                + "; it gets no answer. Clients must use the key file of the user running this server, or have their"
                + " public key authorized (see docs/SECURITY.md)", logged.get(0));
        assertTrue(ZmqRuntime.refusedConnections() >= 4);
    }

    @Test
    void aClientThatDoesNotKnowTheServersKeyGetsNoAnswer() {
        KeyPair mine = ((CurveSecurity) DefaultSecurity.get()).keyPair();
        CurveSecurity wrongServer = CurveSecurity.builder(mine).serverKey(KeyPair.generate().publicKey()).build();
        ZMQ.Socket s = raw(wrongServer);
        try {
            sendPing(s, 1);
            assertNull(s.recv());
        } finally {
            s.close();
        }
        assertServerStillServesItsUser();
        RpcTestSupport.awaitCondition("the failed handshake is logged", Duration.ofSeconds(10), () -> refusals().stream()
                .anyMatch(m -> m.startsWith("a client failed the secure handshake at " + server.address())));
    }

    @Test
    void aServerCanAcceptMoreKeysThanItsUsers() {
        KeyPair colleague = KeyPair.generate();
        CurveSecurity mine = (CurveSecurity) DefaultSecurity.get();
        CurveSecurity shared = CurveSecurity.builder(mine.keyPair())
                .allowClients(mine.keyPair().publicKey(), colleague.publicKey()).build();
        try (RpcServer open = RpcServer.builder().name("shared").security(shared).build().start();
             RpcClient theirs = RpcClient.open(open.address(), ClientOptions.builder()
                     .security(CurveSecurity.builder(colleague).serverKey(mine.keyPair().publicKey()).build())
                     .path(org.pyacq.transport.PathChoice.ZEROMQ).build())) {
            theirs.ping();
        }
    }
}

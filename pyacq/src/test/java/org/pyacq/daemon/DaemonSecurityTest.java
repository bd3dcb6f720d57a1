package org.pyacq.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** The daemon's security settings: CURVE by default, insecure mode on request, an access policy for its children. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DaemonSecurityTest {
    @TempDir
    Path runtimeDir;

    private Daemon start(String... settings) {
        Map<String, String> s = new HashMap<>();
        s.put("runtime_dir", runtimeDir.toString());
        for (int i = 0; i < settings.length; i += 2) {
            s.put(settings[i], settings[i + 1]);
        }
        return Daemon.start(DaemonConfig.load(null, s));
    }

    /** Sends a ping from a socket without any security, as stock Python pyacq would; null if nothing came back. */
    private static String plainPing(String address, int waitMillis) {
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.DEALER);
        try {
            s.setLinger(0);
            s.setReceiveTimeOut(waitMillis);
            s.connect(address);
            s.send("1", ZMQ.SNDMORE);
            s.send("ping", ZMQ.SNDMORE);
            s.send("auto", ZMQ.SNDMORE);
            s.send("json", ZMQ.SNDMORE);
            s.send(new byte[0], 0);
            byte[] reply = s.recv();
            return reply == null ? null : new String(reply, StandardCharsets.UTF_8);
        } finally {
            s.close();
        }
    }

    @Test
    void byDefaultTheDaemonAuthenticatesAndSaysSoInItsRuntimeFile() throws Exception {
        try (Daemon daemon = start()) {
            RuntimeFile file = RuntimeFile.read(runtimeDir).orElseThrow();
            assertEquals("curve", file.security());
            assertEquals(((CurveSecurity) DefaultSecurity.get()).serverKey(), file.serverKey());
            assertNull(plainPing(daemon.address(), 1000), "a client without the key gets nothing");
            assertTrue(new DaemonLocator(runtimeDir, Duration.ofSeconds(5)).find().isPresent());
        }
    }

    @Test
    void anInsecureDaemonAndItsChildrenAnswerPlainClients() throws Exception {
        TransportSecurity before = DefaultSecurity.peek();
        try (Daemon daemon = start("insecure", "true")) {
            RuntimeFile file = RuntimeFile.read(runtimeDir).orElseThrow();
            assertEquals("plain", file.security());
            assertNotNull(plainPing(daemon.address(), 10_000));
            try (RpcClient client = RpcClient.open(daemon.address(), ClientOptions.builder()
                    .timeout(Duration.ofSeconds(90)).build())) {
                ObjectProxy control = (ObjectProxy) client.get("daemon");
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) control.invoke("spawn", Map.of("name", "py-facing"));
                String reply = plainPing((String) child.get("address"), 10_000);
                assertNotNull(reply, "the child of an insecure daemon is insecure too");
                assertTrue(reply.contains("pong"), reply);
                @SuppressWarnings("unchecked")
                Map<String, Object> status = (Map<String, Object>) control.invoke("status");
                assertEquals("plain (insecure)", status.get("security"));
            }
            DefaultSecurity.restore(null);   // a secure client process meets the insecure daemon
            DaemonException e = assertThrows(DaemonException.class,
                    () -> new DaemonLocator(runtimeDir, Duration.ofSeconds(5)).find());
            assertEquals("the daemon at " + daemon.address() + " (pid " + ProcessHandle.current().pid() + ") runs in "
                    + "insecure mode, without authentication; talk to it with --insecure, or restart it without "
                    + "--insecure", e.getMessage());
            DefaultSecurity.useInsecure(false);
        }
        assertSame(before, DefaultSecurity.peek(), "closing the daemon restores the process's security");
    }

    @Test
    void anInsecureDaemonIsRefusedOnANonLoopbackAddressWithoutTheSecondOption() {
        TransportSecurity before = DefaultSecurity.peek();
        DaemonException e = assertThrows(DaemonException.class,
                () -> start("insecure", "true", "address", "tcp://0.0.0.0:*"));
        assertTrue(e.getMessage().startsWith("the daemon could not start: refusing to bind tcp://0.0.0.0:* without "
                + "authentication"), e.getMessage());
        assertSame(before, DefaultSecurity.peek());
        try (Daemon daemon = start("insecure", "true", "allow_insecure_remote", "true", "address", "tcp://0.0.0.0:*")) {
            // bound to every interface, it advertises an address other hosts can dial
            assertTrue(daemon.address().startsWith("tcp://" + org.pyacq.transport.Endpoints.advertisedHost() + ":"),
                    daemon.address());
            assertFalse(daemon.address().contains("0.0.0.0"), daemon.address());
        }
    }

    @Test
    void securitySettingsAreChecked() {
        IllegalArgumentException lone = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(null, Map.of("allow_insecure_remote", "true")));
        assertEquals("allow_insecure_remote only makes sense with insecure = true (secure sockets may bind any address)",
                lone.getMessage());
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(null, Map.of("insecure", "maybe")));
        assertEquals("'insecure' must be true or false, got 'maybe'", bool.getMessage());
        IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(null, Map.of("access_deny", "java.lang.Runtime, not a name")));
        assertTrue(prefix.getMessage().startsWith("access_allow / access_deny: the deny prefix 'not a name' is not a"),
                prefix.getMessage());
        DaemonConfig c = DaemonConfig.load(null, Map.of("access_allow", "java.util, com.example",
                "access_deny", "java.util.concurrent"));
        assertEquals(java.util.List.of("java.util", "com.example", RemoteLogLevel.class.getName()),
                c.accessPolicy().allowed());
        assertEquals(java.util.List.of("java.util.concurrent"), c.accessPolicy().denied());
        assertNull(DaemonConfig.defaults().accessPolicy());
    }

    @Test
    void theAccessPolicyAppliesToTheDaemonsChildren() {
        try (Daemon daemon = start("access_deny", "java.lang.Runtime, java.lang.ProcessBuilder, java.lang.System.exit");
             RpcClient client = RpcClient.open(daemon.address(), ClientOptions.builder()
                     .timeout(Duration.ofSeconds(90)).build())) {
            ObjectProxy control = (ObjectProxy) client.get("daemon");
            control.invoke("spawn", Map.of("name", "restricted"));
            try (RpcClient child = RpcClient.open((String) control.invoke("address", "restricted"),
                    ClientOptions.defaults())) {
                RemoteCallException imported = assertThrows(RemoteCallException.class,
                        () -> child.importModule("java.lang.ProcessBuilder"));
                assertTrue(imported.getMessage().contains("java.lang.ProcessBuilder is not allowed by the server's "
                        + "access policy (denied by 'java.lang.ProcessBuilder')"), imported.getMessage());
                RemoteCallException walked = assertThrows(RemoteCallException.class,
                        () -> child.importModule("java.lang").attr("Runtime").attr("getRuntime").call());
                assertTrue(walked.getMessage().contains("java.lang.Runtime is not allowed by the server's access policy"),
                        walked.getMessage());
                assertEquals(4, child.importModule("java.lang.Math").invoke("abs", -4));
            }
            control.invoke("setLogLevel", "restricted", "debug");
        }
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.UserKeys;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.Serializers;
import org.pyacq.testing.Requirements;

/**
 * Talks to a Python peer written from PROTOCOL.md with pyzmq, msgpack and numpy (the libraries
 * Python pyacq uses), in both directions. CI installs them (python3-zmq, python3-msgpack,
 * python3-numpy); without them these tests are skipped with that advice. Stock pyacq speaks plain
 * ZeroMQ, so this process runs in insecure mode, as {@code --insecure} sets it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PythonInteropTest {
    private static final Path PYTHON = Requirements.PYTHON;
    private static final Path PEER = Path.of("src/test/python/pyacq_peer.py");

    private static TransportSecurity previousSecurity;

    @BeforeAll
    static void insecureMode() {
        previousSecurity = DefaultSecurity.peek();
        DefaultSecurity.useInsecure(false);
    }

    @AfterAll
    static void secureModeAgain() {
        DefaultSecurity.restore(previousSecurity);
    }

    @BeforeEach
    void requirePython() {
        Requirements.assumePython("python3-zmq python3-msgpack python3-numpy", "zmq", "msgpack", "numpy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json"})
    void aPythonClientDrivesAJavaServer(String serializer) throws Exception {
        try (RpcServer server = RpcServer.builder().name("for-python").build().start()) {
            server.publish("svc", new TestService("python-facing"));
            Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "client", server.address(), serializer)
                    .redirectErrorStream(true).start();
            String output = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(py.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, py.exitValue(), output);
            assertTrue(output.contains("DONE"), output);
            assertTrue(server.awaitClosed(Duration.ofSeconds(10)), "the Python client's close request closes the server");
        }
    }

    @Test
    void aPythonClientHoldingTheUsersKeyDrivesASecureJavaServer() throws Exception {
        Path keyDir = UserKeys.defaultDirectory();
        CurveSecurity users = CurveSecurity.forUser(UserKeys.loadOrCreate(keyDir));
        try (RpcServer server = RpcServer.builder().name("secure-for-python").security(users).build().start()) {
            server.publish("svc", new TestService("python-facing"));
            Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "client", server.address(), "msgpack",
                    UserKeys.keyFile(keyDir).toString()).redirectErrorStream(true).start();
            String output = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(py.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, py.exitValue(), output);
            assertTrue(output.contains("DONE"), output);
        }
    }

    /** A stock client knows nothing of leases (docs/LIFETIME.md): its references outlive any lease time. */
    @Test
    void aPythonClientsReferencesDoNotExpire() throws Exception {
        try (RpcServer server = RpcServer.builder().name("py-lease").leaseTime(Duration.ofSeconds(2)).build().start()) {
            server.publish("svc", new TestService("kept"));
            Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "hold", server.address(), "msgpack")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
                    java.io.PrintWriter in = new java.io.PrintWriter(py.getOutputStream(), true, StandardCharsets.UTF_8)) {
                assertEquals("HELD", out.readLine());
                int held = server.referenceCount();
                assertEquals(1, held);
                // a witness that the reaper ran past the lease time: an unclaimed transfer reference expires
                server.exportForTransfer(new Object());
                RpcTestSupport.awaitCondition("a lease expired in this server", Duration.ofSeconds(30),
                        () -> server.statistics().expiredReferences() >= 1);
                assertEquals(held, server.referenceCount(), server.statistics().toString());
                in.println("go");
                assertEquals("NAME kept", out.readLine());
                assertTrue(py.waitFor(30, TimeUnit.SECONDS));
            } finally {
                py.destroyForcibly();
            }
        }
    }

    /** The command line's {@code call --address}: module imports and attribute walks as Python has them. */
    @Test
    void theCommandLineCallsAPythonServerByAddress() throws Exception {
        Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "server").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            String address = out.readLine();
            assertTrue(address != null && address.startsWith("tcp://"), "python server printed " + address);
            assertEquals("4.0\n", cli("call", "--address", address, "--insecure", "math.sqrt", "16"));
            assertEquals("float64[3] [0.0, 0.0, 0.0]\n", cli("call", "--address", address, "--insecure",
                    "numpy.zeros", "3"));
            assertEquals("[0.0,0.0]\n", cli("call", "--address", address, "--insecure", "numpy.zeros", "2", "--json"));
            try (RpcClient closer = RpcClient.open(address, ClientOptions.defaults())) {
                assertTrue(closer.closeServer());
            }
        } finally {
            py.destroyForcibly();
            py.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.pyacq.cli.PyacqCommand.execute(args, new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertEquals(0, code, () -> "pyacq " + String.join(" ", args) + ": " + err);
        return out.toString();
    }

    @Test
    void aJavaClientDrivesAPythonServer() throws Exception {
        Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "server").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            String address = out.readLine();
            assertTrue(address != null && address.startsWith("tcp://"), "python server printed " + address);
            for (var serializer : List.of(Serializers.MSGPACK, Serializers.JSON)) {
                try (RpcClient c = RpcClient.open(address, ClientOptions.builder().serializer(serializer).build())) {
                    c.ping();
                    ObjectProxy math = c.importModule("math");
                    assertEquals(4.0, math.attr("sqrt").call(16.0));
                    assertEquals(List.of(1, 2, 3), c.get("numbers"));
                    ObjectProxy numbers = c.transfer(List.of(1, 2, 3));
                    assertEquals(3, numbers.size());
                    assertEquals(2, numbers.getItem(1));
                    ObjectProxy echo = (ObjectProxy) c.get("echo");
                    NdArray image = NdArray.wrap(DType.UINT16, new short[] {1, 2, 3, (short) 60000, 5, 6}, 2, 3);
                    assertEquals(image, echo.call(image));
                    assertArrayEquals(new double[] {0.5, 1.5}, (double[]) echo.call(new double[] {0.5, 1.5}));
                    LocalDateTime t = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000);
                    // Python sends dates and bytes back by proxy under 'auto', so ask for values
                    ObjectProxy byValue = echo.withReturnType(org.pyacq.wire.ReturnType.VALUE);
                    assertEquals(t, byValue.call(t));
                    assertArrayEquals(new byte[] {0, 1, -1}, (byte[]) byValue.call(new byte[] {0, 1, -1}));
                    RemoteCallException e = org.junit.jupiter.api.Assertions.assertThrows(RemoteCallException.class,
                            () -> math.attr("sqrt").call(-1.0));
                    assertEquals("ValueError", e.remoteType());
                    assertEquals("ValueError: math domain error", e.summary());
                    c.set("stored", List.of("a", 1));
                    assertEquals(List.of("a", 1), c.get("stored"));
                    ObjectProxy remoteArray = c.transfer(new double[] {1, 2, 3});
                    assertEquals(3, remoteArray.size());
                    assertEquals(3.0, ((Number) remoteArray.getItem(2)).doubleValue());
                }
            }
            try (RpcClient watcher = RpcClient.open(address, ClientOptions.defaults());
                 RpcClient closer = RpcClient.open(address, ClientOptions.defaults())) {
                watcher.ping();
                assertTrue(closer.closeServer());
                RpcTestSupport.awaitCondition("the other client hears the disconnect", Duration.ofSeconds(10), () -> {
                    try {
                        watcher.ping(Duration.ofMillis(200));
                        return false;
                    } catch (ServerDisconnectedException ex) {
                        return true;
                    } catch (RpcTimeoutException ex) {
                        return false;
                    }
                });
            }
            assertTrue(py.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, py.exitValue(), stderr(py));
        } finally {
            py.destroyForcibly();
        }
    }

    private static String stderr(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)).lines()
                .collect(Collectors.joining("\n"));
    }
}

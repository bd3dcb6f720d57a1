package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.pyacq.testing.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * Our CURVE (JeroMQ on {@link org.pyacq.transport.crypto.NaclBox}) against an independent one:
 * pyzmq, i.e. libzmq with libsodium, driven by {@code src/test/python/curve_peer.py}. Each side
 * checks a SHA-256 of every payload it decrypts, in both directions, from empty to several MiB.
 * CI installs python3-zmq; without it these tests are skipped with that advice.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CurveInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PEER = Path.of("src/test/python/curve_peer.py");
    /** Around the zero padding, Salsa20 blocks, our 16 KiB chunks, and several MiB. */
    private static final int[] SIZES = {0, 1, 15, 16, 17, 63, 64, 65, 1000, 16_384 - 33, 16_384, 65_543,
        1 << 20, 6 * (1 << 20) + 13};

    @BeforeEach
    void requirePython() {
        Requirements.assumePython("python3-zmq", "zmq");
        Requirements.assumePythonCheck("assert __import__('zmq').has('curve')", "pyzmq built with CURVE",
                "python3-zmq");
    }

    @Test
    void aPythonClientTalksToAJavaCurveServer() throws Exception {
        KeyPair serverKeys = KeyPair.generate();
        KeyPair pythonKeys = KeyPair.generate();
        CurveSecurity security = CurveSecurity.builder(serverKeys).allowClients(pythonKeys.publicKey()).build();
        ZMQ.Socket router = Sockets.bindRouter("tcp://127.0.0.1:*", security);
        try {
            router.setReceiveTimeOut(60_000);
            List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), PEER.toString(), "client",
                    Sockets.endpoint(router), serverKeys.publicKey(), pythonKeys.publicKey(), pythonKeys.secretKey()));
            for (int size : SIZES) {
                cmd.add(Integer.toString(size));
            }
            Process py = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                for (int size : SIZES) {
                    ZMsg request = ZMsg.recvMsg(router);
                    assertNotNull(request, "no request of " + size + " bytes from Python");
                    assertEquals(3, request.size(), "identity, digest, payload");
                    byte[] identity = request.pop().getData();
                    String digest = request.popString();
                    byte[] payload = request.pop().getData();
                    assertEquals(size, payload.length);
                    assertEquals(digest, sha256(payload), "the payload of " + size + " bytes decrypted intact");
                    ZMsg reply = new ZMsg();
                    reply.add(identity);
                    reply.add(sha256(payload));
                    reply.add(payload);
                    assertTrue(reply.send(router));
                }
                String output = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(py.waitFor(60, TimeUnit.SECONDS), output);
                assertEquals(0, py.exitValue(), output);
                assertTrue(output.contains("OK " + SIZES[SIZES.length - 1]) && output.endsWith("DONE\n"), output);
            } finally {
                py.destroyForcibly();
            }
        } finally {
            router.close();
        }
    }

    @Test
    void aJavaClientTalksToAPythonCurveServer() throws Exception {
        KeyPair pythonKeys = KeyPair.generate();
        KeyPair javaKeys = KeyPair.generate();
        Process py = new ProcessBuilder(PYTHON.toString(), PEER.toString(), "server",
                pythonKeys.publicKey(), pythonKeys.secretKey(), javaKeys.publicKey())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            String address = out.readLine();
            assertTrue(address != null && address.startsWith("tcp://127.0.0.1:"), "python server printed " + address);
            CurveSecurity security = CurveSecurity.builder(javaKeys).serverKey(pythonKeys.publicKey()).build();
            ZMQ.Socket dealer = Sockets.connectDealer(address, "java-client".getBytes(StandardCharsets.US_ASCII),
                    security, null);
            try {
                dealer.setReceiveTimeOut(60_000);
                SplittableRandom random = new SplittableRandom(42);
                for (int size : SIZES) {
                    byte[] payload = new byte[size];
                    random.nextBytes(payload);
                    ZMsg request = new ZMsg();
                    request.add(sha256(payload));
                    request.add(payload);
                    assertTrue(request.send(dealer));
                    ZMsg reply = ZMsg.recvMsg(dealer);
                    assertNotNull(reply, "no reply to " + size + " bytes from Python");
                    assertEquals("ok", reply.popString(), "Python decrypted " + size + " bytes intact");
                    assertArrayEquals(payload, reply.pop().getData(), "and we decrypted its " + size + " bytes");
                }
                assertTrue(new ZMsg().addString("STOP").send(dealer));
                ZMsg last = ZMsg.recvMsg(dealer);
                assertNotNull(last);
                assertEquals("stopping", last.popString());
            } finally {
                dealer.close();
            }
            assertTrue(py.waitFor(30, TimeUnit.SECONDS), "the Python server stops when told");
            assertEquals(0, py.exitValue());
        } finally {
            py.destroyForcibly();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}

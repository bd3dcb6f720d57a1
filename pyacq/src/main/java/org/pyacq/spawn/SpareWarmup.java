package org.pyacq.spawn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.neilalexander.jnacl.crypto.curve25519xsalsa20poly1305;
import org.pyacq.log.LogSetup;
import org.pyacq.rpc.RpcServer;
import org.pyacq.rpc.invoke.Invoker;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.SocketWarmup;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;

/**
 * What a warm spare does before it knows which child it will be: loads and runs, once, the code a
 * child runs between reading its configuration and answering its first ping (logging setup, JSON
 * and key checks, the RPC server and invoker, msgpack, CURVE crypto), and loads the JeroMQ classes
 * its sockets will use, and runs {@link SocketWarmup} (one message through a plain and a CURVE
 * loopback pair). It reads no key file and prints nothing: every object it makes is thrown away.
 */
final class SpareWarmup {
    /** pyacq classes a child's logging loads; initialized, not used (the socket classes: SocketWarmup). */
    private static final List<String> LOG_CLASSES = List.of(
            "org.pyacq.log.PyacqLogAppender", "org.pyacq.log.RecordSender");

    private SpareWarmup() {
    }

    static void run() {
        LogSetup.warmUpChild();
        TransportSecurity security = crypto();
        configuration(security);
        rpc();
        SocketWarmup.loadClasses(LOG_CLASSES);
        SocketWarmup.run();
    }

    /** Key generation and checks, and the box operations of a CURVE handshake, on throwaway keys. */
    private static TransportSecurity crypto() {
        KeyPair a = KeyPair.generate();
        KeyPair b = new KeyPair(a.publicKey(), a.secretKey());   // derives the public key from the secret one
        byte[] pk = new byte[32];
        byte[] sk = new byte[32];
        byte[] shared = new byte[32];
        byte[] nonce = new byte[24];
        byte[] plain = new byte[32 + 64];
        byte[] boxed = new byte[plain.length];
        for (int i = 0; i < 2; i++) {
            curve25519xsalsa20poly1305.crypto_box_keypair(pk, sk);
            curve25519xsalsa20poly1305.crypto_box_beforenm(shared, pk, sk);
            curve25519xsalsa20poly1305.crypto_box_afternm(boxed, plain, plain.length, nonce, shared);
            curve25519xsalsa20poly1305.crypto_box_open_afternm(plain, boxed, boxed.length, nonce, shared);
        }
        return CurveSecurity.builder(b).allowClients(List.of(a.publicKey())).origin("the parent process").build();
    }

    /** The bootstrap JSON both ways (JSON codec, key checks, access policy), as a child reads it. */
    private static void configuration(TransportSecurity security) {
        BootstrapConfig config = new BootstrapConfig("pyacq-warm-up", "tcp://127.0.0.1:*", "tcp://127.0.0.1:1", 20,
                null, true, null, 10_000, security, PackageAccessPolicy.of(List.of("java.util"), List.of("java.io")),
                "/nonexistent/b-0.sock");
        try {
            BootstrapConfig.read(new ByteArrayInputStream(config.toJsonLine()));
        } catch (IOException e) {
            throw new IllegalStateException("warm-up configuration does not read back: " + e.getMessage(), e);
        }
    }

    /** An unbound server (invoker, request handler), an import and a call, and msgpack both ways. */
    private static void rpc() {
        RpcServer server = RpcServer.builder().name("pyacq-warm-up").security(TransportSecurity.plain(false)).build();
        server.close();
        Invoker invoker = new Invoker();
        Object list = invoker.call(invoker.importName("java.util.ArrayList"), List.of());
        invoker.call(invoker.getAttribute(list, "add"), List.of(1));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", "call_obj");
        m.put("req_id", 1);
        m.put("opts", Map.of("return_type", "auto"));
        m.put("args", List.of(1.5, "text", List.of(1, 2)));
        Serializers.MSGPACK.decode(java.nio.ByteBuffer.wrap(Serializers.MSGPACK.encodeToBytes(m, ValueMapper.PLAIN)),
                ValueMapper.PLAIN);
    }
}

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
import org.pyacq.transport.Sockets;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What a warm spare does before it knows which child it will be: loads and runs, once, the code a
 * child runs between reading its configuration and answering its first ping (logging setup, JSON
 * and key checks, the RPC server and invoker, msgpack, CURVE crypto), and loads the JeroMQ classes
 * its sockets will use. Then it sends one message through two loopback socket pairs, for the
 * engine code of a bind, a connection, a CURVE handshake and a message: a plain pair on the
 * process's shared context (which stays started for the child) and a CURVE pair with throwaway
 * keys on a scratch context that is destroyed at once. Those sockets live for milliseconds on
 * ephemeral loopback ports, and what they receive is discarded unread. It reads no key file and
 * prints nothing: every other object it makes is thrown away too.
 */
final class SpareWarmup {
    /** JeroMQ classes a child's bind, handshake and first request load; initialized, not used. */
    private static final List<String> ZMQ_CLASSES = List.of(
            "org.zeromq.ZContext", "org.zeromq.ZMQ$Socket", "org.zeromq.ZMQ$Poller", "org.zeromq.ZAuth",
            "org.zeromq.ZMsg", "org.zeromq.ZFrame", "org.zeromq.ZPoller", "org.zeromq.ZActor",
            "zmq.Ctx", "zmq.SocketBase", "zmq.Options", "zmq.Msg", "zmq.Mailbox", "zmq.Signaler", "zmq.Reaper",
            "zmq.ZMQ", "zmq.io.IOThread", "zmq.io.SessionBase", "zmq.io.StreamEngine", "zmq.io.Metadata",
            "zmq.io.net.tcp.TcpListener", "zmq.io.net.tcp.TcpConnecter", "zmq.io.net.tcp.TcpAddress",
            "zmq.io.coder.v2.V2Encoder", "zmq.io.coder.v2.V2Decoder",
            "zmq.io.mechanism.curve.CurveServerMechanism", "zmq.io.mechanism.curve.CurveClientMechanism",
            "zmq.io.mechanism.curve.Curve", "zmq.io.mechanism.NullMechanism",
            "zmq.socket.reqrep.Router", "zmq.socket.reqrep.Dealer", "zmq.socket.pair.Pair",
            "zmq.socket.pipeline.Push", "zmq.pipe.Pipe", "zmq.pipe.YPipe", "zmq.poll.Poller",
            "org.pyacq.transport.Sockets", "org.pyacq.transport.ZmqRuntime",
            "org.pyacq.transport.CurveAuthenticator", "org.pyacq.transport.SocketWaiter",
            "org.pyacq.transport.SocketPoller", "org.pyacq.transport.Frames", "org.pyacq.transport.Waker",
            "org.pyacq.transport.HandshakeWatch", "org.pyacq.transport.ServerHandshakeWatch",
            "org.pyacq.log.PyacqLogAppender", "org.pyacq.log.RecordSender");

    /** How long a warm-up socket waits for its one message (normally milliseconds). */
    private static final int WARM_UP_RECEIVE_MILLIS = 2000;

    private SpareWarmup() {
    }

    static void run() {
        LogSetup.warmUpChild();
        TransportSecurity security = crypto();
        configuration(security);
        rpc();
        loadClasses();
        plainPair();
        curvePair();
    }

    /** Starts the shared context (I/O and reaper threads) and sends a message through our plain sockets. */
    private static void plainPair() {
        TransportSecurity plain = TransportSecurity.plain(false);
        ZMQ.Socket router = Sockets.bindRouter("tcp://127.0.0.1:*", plain);
        try {
            ZMQ.Socket dealer = Sockets.connect(SocketType.DEALER, Sockets.endpoint(router), plain, 0);
            try {
                dealer.send("pyacq warm-up");
                router.setReceiveTimeOut(WARM_UP_RECEIVE_MILLIS);
                router.recv();
            } finally {
                dealer.close();
            }
        } finally {
            router.close();
        }
    }

    /** A CURVE handshake and a message on a scratch context, with throwaway keys (no ZAP handler there). */
    private static void curvePair() {
        KeyPair server = KeyPair.generate();
        KeyPair client = KeyPair.generate();
        try (ZContext scratch = new ZContext(1)) {
            ZMQ.Socket router = scratch.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            router.setCurveServer(true);
            router.setCurveSecretKey(ZMQ.Curve.z85Decode(server.secretKey()));
            int port = router.bindToRandomPort("tcp://127.0.0.1");
            ZMQ.Socket dealer = scratch.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setCurveServerKey(ZMQ.Curve.z85Decode(server.publicKey()));
            dealer.setCurvePublicKey(ZMQ.Curve.z85Decode(client.publicKey()));
            dealer.setCurveSecretKey(ZMQ.Curve.z85Decode(client.secretKey()));
            dealer.connect("tcp://127.0.0.1:" + port);
            dealer.send("pyacq warm-up");
            router.setReceiveTimeOut(WARM_UP_RECEIVE_MILLIS);
            router.recv();
        }
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
                null, true, null, 10_000, security, PackageAccessPolicy.of(List.of("java.util"), List.of("java.io")));
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

    private static void loadClasses() {
        ClassLoader loader = SpareWarmup.class.getClassLoader();
        for (String name : ZMQ_CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // a class renamed in another JeroMQ version: only a warm-up
            }
        }
    }
}

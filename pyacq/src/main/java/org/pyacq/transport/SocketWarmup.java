package org.pyacq.transport;

import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Runs, once, the socket code a new process's first connections need, so that a warm spare JVM
 * has it loaded and compiled before it becomes a child: loads JeroMQ's engine classes and sends one
 * message through two loopback pairs, a plain one on the process's shared context (which stays
 * started) and a CURVE one with throwaway keys on a scratch context destroyed at once. The sockets
 * live for milliseconds on ephemeral loopback ports; what they receive is discarded unread.
 */
public final class SocketWarmup {
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
            "org.pyacq.transport.BootstrapLink", "org.pyacq.transport.PushSender");

    /** How long a warm-up socket waits for its one message (normally milliseconds). */
    private static final int WARM_UP_RECEIVE_MILLIS = 2000;

    private SocketWarmup() {
    }

    /** Loads the socket classes and runs the two loopback pairs; failures are the caller's to ignore. */
    public static void run() {
        loadClasses(ZMQ_CLASSES);
        plainPair();
        curvePair();
    }

    /** Loads and initializes the named classes, skipping those that do not exist. */
    public static void loadClasses(List<String> names) {
        ClassLoader loader = SocketWarmup.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // a class renamed in another version: only a warm-up
            }
        }
    }

    /** Starts the shared context (I/O and reaper threads) and sends a message through our plain sockets. */
    private static void plainPair() {
        TransportSecurity plain = TransportSecurity.plain(false);
        ZMQ.Socket router = Sockets.bindRouter("tcp://127.0.0.1:*", plain);
        try {
            ZMQ.Socket dealer = ClientSockets.connect(SocketType.DEALER, Sockets.endpoint(router), plain, 0);
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
}

package org.pyacq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.pyacq.transport.Sockets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What JeroMQ alone does with the shape of pyacq's messages: pipelined requests of one frame
 * (the raw baseline of {@code pyacq bench}) against requests of five frames (a pyacq request)
 * answered with one frame, over a DEALER and a ROUTER in two JVMs, with nothing decoded. It
 * bounds what any implementation of the protocol on JeroMQ can reach on the pipelined line.
 *
 * <p>{@code java -cp pyacq/target/pyacq.jar:pyacq-bench/target/pyacq-bench.jar org.pyacq.bench.FrameShapeProbe [ROUNDS [WINDOW]]}
 *
 * <p>JeroMQ sometimes leaves a fresh tcp connection silent until its handshake interval runs out
 * (30 s by default; JEROMQ-NOTES.md): both sockets use the short interval of pyacq's own
 * connections, and the DEALER queues messages only to a connection whose handshake completed
 * (ZMQ_IMMEDIATE), so a stalled connection is dropped and redone within a second instead of
 * holding the first requests past the receive timeout.
 */
public final class FrameShapeProbe {
    private static final String SERVE = "--serve";
    private static final long ROUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    private FrameShapeProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals(SERVE)) {
            serve(System.in, System.out);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        for (String line : run(rounds, window)) {
            System.out.println(line);
        }
    }

    /** Measures both shapes; returns the report lines. */
    static List<String> run(int rounds, int window) throws IOException, InterruptedException {
        try (ServerJvm server = ServerJvm.start(); ZContext context = new ZContext(1)) {
            ZMQ.Socket dealer = connectDealer(context, server.endpoint());
            double one = medianRate(dealer, 1, rounds, window);
            double five = medianRate(dealer, 5, rounds, window);
            return List.of(String.format(Locale.ROOT, "raw JeroMQ, %d in flight, replies of 1 frame, median of %d rounds of 1 s:",
                    window, rounds),
                    String.format(Locale.ROOT, "  requests of 1 frame    %,12.0f msgs/s", one),
                    String.format(Locale.ROOT, "  requests of 5 frames   %,12.0f msgs/s   (%.2fx one frame)", five, five / one));
        }
    }

    /** The probe's server in a JVM of its own; closing it closes the server's stdin, and it exits. */
    static final class ServerJvm implements AutoCloseable {
        private final Process process;
        private final String endpoint;

        private ServerJvm(Process process, String endpoint) {
            this.process = process;
            this.endpoint = endpoint;
        }

        static ServerJvm start() throws IOException, InterruptedException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                    FrameShapeProbe.class.getName(), SERVE).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String port = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (port == null) {
                process.destroyForcibly();
                throw new BenchException("the probe's server JVM exited before it bound a port");
            }
            return new ServerJvm(process, "tcp://127.0.0.1:" + port.strip());
        }

        String endpoint() {
            return endpoint;
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close();   // the server exits when its stdin closes
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static double medianRate(ZMQ.Socket dealer, int frames, int rounds, int window) {
        byte[][] message = new byte[frames][];
        for (int i = 0; i < frames; i++) {
            message[i] = new byte[frames == 1 ? 8 : 16];
        }
        double[] rates = new double[rounds];
        for (int round = -1; round < rounds; round++) {   // round -1 warms up
            long start = System.nanoTime();
            long end = start + ROUND_NANOS;
            long done = 0;
            int inFlight = 0;
            while (System.nanoTime() < end) {
                for (; inFlight < window; inFlight++) {
                    for (int i = 0; i < frames; i++) {
                        dealer.send(message[i], i < frames - 1 ? ZMQ.SNDMORE : 0);
                    }
                }
                receiveOne(dealer);
                inFlight--;
                done++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (; inFlight > 0; inFlight--) {
                receiveOne(dealer);
            }
            if (round >= 0) {
                rates[round] = done / seconds;
            }
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    private static void receiveOne(ZMQ.Socket dealer) {
        if (dealer.recv(0) == null) {
            throw new BenchException("the probe's server sent nothing for " + RECEIVE_TIMEOUT_MILLIS + " ms");
        }
    }

    /** The client's socket, connected to {@code endpoint} (see the class comment on its settings). */
    static ZMQ.Socket connectDealer(ZContext context, String endpoint) {
        ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
        dealer.setLinger(0);
        dealer.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
        dealer.setImmediate(true);
        dealer.setSendTimeOut(RECEIVE_TIMEOUT_MILLIS);
        dealer.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
        if (!dealer.connect(endpoint)) {
            throw new BenchException("the probe cannot connect to " + endpoint);
        }
        return dealer;
    }

    /** The server's socket, bound to a port of loopback that the system chose. */
    static ZMQ.Socket bindRouter(ZContext context) {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        router.setLinger(0);
        router.setHandshakeIvl((int) Sockets.CONNECT_HANDSHAKE.toMillis());
        router.bind("tcp://127.0.0.1:*");
        return router;
    }

    /** Answers each request on {@code router} with its last frame while {@code running} holds. */
    static void echoLastFrames(ZMQ.Socket router, BooleanSupplier running) {
        router.setReceiveTimeOut(100);
        while (running.getAsBoolean()) {
            byte[] identity = router.recv(0);
            if (identity == null) {
                continue;
            }
            byte[] last;
            do {
                last = router.recv(0);
            } while (router.hasReceiveMore());
            router.send(identity, ZMQ.SNDMORE);
            router.send(last, 0);
        }
    }

    /** The server JVM: prints its port, answers each request with its last frame, exits when stdin closes. */
    private static void serve(InputStream stdin, PrintStream out) {
        Thread lifeline = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // wait for the end of input: the client is done or dead
                }
            } catch (IOException e) {
                // treated as the end of input
            }
            System.exit(0);
        }, "probe-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket router = bindRouter(context);
            String endpoint = router.getLastEndpoint();
            out.println(endpoint.substring(endpoint.lastIndexOf(':') + 1));
            out.flush();
            echoLastFrames(router, () -> true);
        }
    }
}

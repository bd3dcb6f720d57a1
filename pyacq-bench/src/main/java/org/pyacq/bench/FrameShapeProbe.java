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
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * What JeroMQ alone does with the shape of pyacq's messages: pipelined requests of one frame
 * (the raw baseline of {@code pyacq bench}) against requests of five frames (a pyacq request)
 * answered with one frame, over a DEALER and a ROUTER in two JVMs, with nothing decoded. It
 * bounds what any implementation of the protocol on JeroMQ can reach on the pipelined line.
 *
 * <p>{@code java -cp target/pyacq.jar org.pyacq.bench.FrameShapeProbe [ROUNDS [WINDOW]]}
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FrameShapeProbe.class.getName(), SERVE).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (ZContext context = new ZContext(1)) {
            String port = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (port == null) {
                throw new BenchException("the probe's server JVM exited before it bound a port");
            }
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setReceiveTimeOut(RECEIVE_TIMEOUT_MILLIS);
            dealer.connect("tcp://127.0.0.1:" + port.strip());
            double one = medianRate(dealer, 1, rounds, window);
            double five = medianRate(dealer, 5, rounds, window);
            return List.of(String.format("raw JeroMQ, %d in flight, replies of 1 frame, median of %d rounds of 1 s:",
                    window, rounds),
                    String.format("  requests of 1 frame    %,12.0f msgs/s", one),
                    String.format("  requests of 5 frames   %,12.0f msgs/s   (%.2fx one frame)", five, five / one));
        } finally {
            server.getOutputStream().close();   // the server exits when its stdin closes
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
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
            ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
            router.setLinger(0);
            out.println(router.bindToRandomPort("tcp://127.0.0.1"));
            out.flush();
            while (true) {
                byte[] identity = router.recv(0);
                byte[] last;
                do {
                    last = router.recv(0);
                } while (router.hasReceiveMore());
                router.send(identity, ZMQ.SNDMORE);
                router.send(last, 0);
            }
        }
    }
}

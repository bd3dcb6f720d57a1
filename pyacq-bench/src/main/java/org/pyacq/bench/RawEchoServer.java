package org.pyacq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.SocketBase;
import zmq.ZError;

/**
 * The raw JeroMQ baseline's server: a ROUTER on a thread of its own that sends every message
 * back as it came (routing id first), without copying or decoding anything. It has its own
 * context with one I/O thread, like the process-wide context our RPC uses.
 */
final class RawEchoServer implements AutoCloseable {
    /** How often the loop looks at the stop flag: the thread is never interrupted (JeroMQ does not survive it). */
    private static final int STOP_CHECK_MILLIS = 100;

    private final ZContext context = new ZContext(1);
    private final CountDownLatch bound = new CountDownLatch(1);
    private final Thread thread = new Thread(this::run, "bench-raw-echo");
    private volatile boolean running = true;
    private volatile String address;
    private volatile RuntimeException bindFailure;

    private RawEchoServer() {
    }

    /** Binds a loopback port and starts echoing. */
    static RawEchoServer start() {
        RawEchoServer server = new RawEchoServer();
        server.thread.setDaemon(true);
        server.thread.start();
        try {
            if (!server.bound.await(30, TimeUnit.SECONDS)) {
                server.close();
                throw new BenchException("the raw echo server did not bind within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting the raw echo server", e);
        }
        if (server.bindFailure != null) {
            server.close();
            throw server.bindFailure;
        }
        return server;
    }

    /** The endpoint clients connect to, e.g. {@code tcp://127.0.0.1:40123}. */
    String address() {
        return address;
    }

    private void run() {
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        try {
            router.setLinger(0);
            router.setSndHWM(0);
            router.setRcvHWM(0);
            router.setReceiveTimeOut(STOP_CHECK_MILLIS);
            router.setMsgAllocator(new ReusedBufferAllocator());
            router.bind("tcp://127.0.0.1:*");
            address = router.getLastEndpoint();
        } catch (RuntimeException e) {
            bindFailure = e;
            router.close();
            bound.countDown();
            return;
        }
        bound.countDown();
        try {
            echo(router);
        } finally {
            router.close();
        }
    }

    private void echo(ZMQ.Socket router) {
        SocketBase base = router.base();
        List<Msg> frames = new ArrayList<>();
        while (running) {
            Msg frame = base.recv(0);
            if (frame == null) {
                if (base.errno() == ZError.ETERM) {
                    return;
                }
                continue;  // receive timeout: look at the stop flag
            }
            frames.add(frame);
            while (frame.hasMore()) {
                frame = base.recv(0);
                if (frame == null) {
                    return;  // only on termination: the rest of a message is always there
                }
                frames.add(frame);
            }
            int last = frames.size() - 1;
            for (int i = 0; i <= last; i++) {
                // buf() is a view at position 0 of the received bytes (for a large frame: the reused direct buffer)
                router.sendByteBuffer(frames.get(i).buf(), i < last ? ZMQ.SNDMORE : 0);
            }
            frames.clear();
        }
    }

    /** Stops the loop, lets the thread close its socket, then closes the context. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            context.close();
        }
        // else: a stuck thread still owns its socket; closing the context under it could hang, so leave it to exit
    }
}

package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.pyacq.transport.Frames;
import org.pyacq.transport.ServerEndpoint;
import org.pyacq.transport.SocketPoller;
import org.pyacq.transport.Waker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's event loop, run by its owner thread: reads requests from the server's endpoint and
 * hands them to the {@link RequestHandler}, and runs tasks other threads post (worker replies,
 * timer callbacks, close requests). While the owner waits for something else (a reply to its own
 * call, a future), it keeps serving through {@link #serveUntil} or a {@link Channel} that waits on
 * {@link #poller()}, so call chains that come back do not deadlock.
 *
 * <p>Only {@link #post} and {@link #wakeup} may be called from other threads.
 */
final class ServerLoop {
    private static final Logger log = LoggerFactory.getLogger(ServerLoop.class);
    /** The most frames a request may have; more is a protocol error the handler reports. */
    private static final int MAX_FRAMES = 8;

    private final String name;
    private final RequestHandler handler;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile ServerEndpoint endpoint;
    private volatile Thread owner;
    /** What the owner thread is blocked on now, so that {@link #post} can wake it. */
    private volatile Waker activeWaker;

    ServerLoop(String name, RequestHandler handler) {
        this.name = name;
        this.handler = handler;
    }

    /** Starts using {@code bound}, owned by the calling thread. */
    void attach(ServerEndpoint bound) {
        owner = Thread.currentThread();
        activeWaker = bound.waker();
        endpoint = bound;
    }

    /** Stops using the endpoint and returns it for its owner to close; null if none was attached. */
    ServerEndpoint detach() {
        ServerEndpoint e = endpoint;
        endpoint = null;
        return e;
    }

    /** Serves until {@code stop} says so; owner thread. */
    void run(BooleanSupplier stop) {
        ServerEndpoint e = endpoint;
        activeWaker = e.waker();
        while (!stop.getAsBoolean()) {
            e.arm();
            boolean busy = processOne();
            busy |= runTasks();
            if (busy) {
                e.progress();
            } else if (!stop.getAsBoolean()) {
                e.await(-1);
            }
        }
    }

    /** Reads and handles one request if one is waiting; true if it did. Owner thread only. */
    boolean processOne() {
        ServerEndpoint e = endpoint;
        if (e == null) {
            return false;
        }
        Frames.Received msg = e.receive(MAX_FRAMES);
        if (msg == null) {
            return false;
        }
        handler.handle(msg);
        return true;
    }

    /** Sends a reply to a caller, over the path its request came by. Owner thread. */
    void sendReply(byte[] identity, ByteBuffer reply) {
        ServerEndpoint e = endpoint;
        if (e != null) {
            e.sendTo(identity, reply);
        }
    }

    /** True while the server is bound and not yet shut down. */
    boolean isServing() {
        return endpoint != null;
    }

    /** The owner thread's combined wait on the server's paths; null when not serving. */
    SocketPoller poller() {
        ServerEndpoint e = endpoint;
        return e == null ? null : e.poller();
    }

    /** Runs work posted by other threads; true if any ran. Owner thread. */
    boolean runTasks() {
        boolean any = false;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            any = true;
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("RPC server {}: task failed", name, e);
            }
        }
        return any;
    }

    /** Runs {@code task} on the owner thread soon. Any thread. */
    void post(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    /** Ends the owner thread's current wait. Any thread. */
    void wakeup() {
        Waker w = activeWaker;
        if (w != null) {
            w.wakeup();
        }
        ServerEndpoint e = endpoint;
        Waker own = e == null ? null : e.waker();
        if (own != null && own != w) {
            own.wakeup();
        }
    }

    /** Sets what the owner thread is blocked on, so that {@link #post} can wake it; returns the old one. */
    Waker swapActiveWaker(Waker w) {
        Waker old = activeWaker;
        activeWaker = w;
        return old;
    }

    /** Keeps serving on the owner thread until {@code future} is done or the time is up; elsewhere returns at once. */
    void serveUntil(CompletableFuture<?> future, long timeoutNanos) {
        ServerEndpoint e = endpoint;
        if (Thread.currentThread() != owner || e == null) {
            return;
        }
        future.whenComplete((v, x) -> wakeup());
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        Waker previous = swapActiveWaker(e.waker());
        try {
            while (true) {
                e.arm();
                if (future.isDone()) {
                    return;
                }
                if (processOne() | runTasks()) {
                    e.progress();
                    continue;
                }
                long remaining = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && remaining <= 0) {
                    return;
                }
                e.await(remaining);
            }
        } finally {
            swapActiveWaker(previous);
        }
    }
}

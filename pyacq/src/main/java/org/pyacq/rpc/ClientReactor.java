package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pyacq.transport.ClientLink;
import org.pyacq.transport.ConnectionWatch;
import org.pyacq.transport.Frames;
import org.pyacq.wire.Action;
import org.pyacq.wire.Reply;
import org.pyacq.wire.ReplyHeader;
import org.pyacq.wire.Request;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's I/O thread for asynchronous calls: callers encode their request and queue it; this
 * thread owns one link (the same-host Unix socket or a ZeroMQ DEALER), sends what is queued in batches, and completes futures as replies
 * arrive, in any order. Started on the first asynchronous call.
 */
final class ClientReactor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ClientReactor.class);
    private static final ThreadLocal<ClientReactor> ON_REACTOR = new ThreadLocal<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private record Outgoing(byte[][] head, ByteBuffer body) {
    }

    private record Pending(RpcFuture<Object> future, ValueMapper decodeWith, Action action, Duration timeout,
            long deadline) {
    }

    /** How often pending calls are checked for expired timeouts (timeouts are this precise). */
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private final RpcClient client;
    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile ClientLink link;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean sleeping;
    /** Asleep with no deadline (nothing was pending): a call sent directly must wake it to time the call out. */
    private volatile boolean sleepingUnbounded;
    private volatile boolean closing;
    private volatile boolean lostConnection;
    private volatile boolean refusedByServer;
    private volatile RuntimeException startFailure;

    /** Passes of the I/O loop so far: each is a wake-up of the thread (for tests that check it sleeps). */
    private volatile long passes;

    /** A bound on the I/O thread's start (it opens one socket: milliseconds, unless the machine is starved). */
    private static final long START_TIMEOUT_SECONDS = 30;

    ClientReactor(RpcClient client) {
        this.client = client;
        this.thread = new Thread(this, "pyacq-client-" + client.address().replaceFirst("^[a-z]+://", ""));
        thread.setDaemon(true);
    }

    /** How many times the I/O thread has gone round its loop (woken up) so far. */
    long passes() {
        return passes;
    }

    void start() {
        thread.start();
        try {
            if (!started.await(START_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new RpcException("the client I/O thread for " + client.address() + " did not start within "
                        + START_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted while starting the client I/O thread for " + client.address(), e);
        }
        if (startFailure != null) {
            throw startFailure;
        }
    }

    /** Queues a call and returns its future. Any thread. */
    RpcFuture<Object> submit(Action action, ReturnType returnType, Map<String, Object> opts, Duration timeout,
            ValueMapper decodeWith) {
        long id = ids.getAndIncrement();
        RpcFuture<Object> future = new RpcFuture<>(client.address(), action.wireName(), id, timeout);
        ByteBuffer body = encode(opts);
        pending.put(id, new Pending(future, decodeWith, action, timeout, System.nanoTime() + timeout.toNanos()));
        Outgoing o = new Outgoing(Request.headerFrames(id, action, returnType, client.serializer()), body);
        if (!sendDirect(o)) {
            enqueue(o);
        }
        RpcException failure = client.failure();
        if (failure != null) {
            fail(id, failure);
        }
        return future;
    }

    /** Queues a request that wants no reply. Any thread. */
    void submitOff(Action action, Map<String, Object> opts) {
        enqueue(new Outgoing(Request.headerFrames(Request.NO_REPLY, action, ReturnType.AUTO, client.serializer()),
                encode(opts)));
    }

    private ByteBuffer encode(Map<String, Object> opts) {
        if (opts == null) {
            return ByteBuffer.allocate(0);
        }
        return Encoding.encode(client.serializer(), opts, client.argsMapper());
    }

    /**
     * Writes the request on the calling thread when the link allows it and nothing queued is
     * ahead of it (so requests keep their order): no hand-off to the I/O thread. False: queue it.
     */
    private boolean sendDirect(Outgoing o) {
        ClientLink l = link;
        java.util.concurrent.locks.Lock lock = l == null ? null : l.sharedOutputLock();
        if (lock == null || !lock.tryLock()) {
            return false;
        }
        try {
            if (!outbox.isEmpty() || closing) {
                return false;
            }
            l.queue(o.head(), o.body());
            l.flush();
            if (l.hasPendingOutputHint() || sleepingUnbounded) {
                // the rest goes out when the socket has room, and the call's timeout must be watched: the I/O thread does both
                wake();
            }
            return true;
        } catch (org.pyacq.transport.TransportException e) {
            lostConnection = true;
            wake();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Outgoing o) {
        outbox.add(o);
        if (sleeping) {
            wake();
        }
    }

    private void wake() {
        ClientLink l = link;
        if (l != null) {
            l.wakeup();
        }
    }

    int pendingCount() {
        return pending.size();
    }

    /** Fails the calls whose timeout has passed. Reactor thread. */
    private void expireOverdue(long now) {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (now - p.deadline >= 0 && pending.remove(e.getKey(), p)) {
                p.future.completeExceptionally(new RpcTimeoutException(client.address(), p.action.wireName(),
                        e.getKey(), p.timeout, pending.size() + 1));
            }
        }
    }

    private void fail(long id, RpcException cause) {
        Pending p = pending.remove(id);
        if (p != null) {
            p.future.completeExceptionally(cause);
        }
    }

    /** On JeroMQ's I/O thread: the established connection broke; calls in flight on it are lost. */
    private void connectionLost() {
        lostConnection = true;
        wake();
    }

    void failAll(RpcException cause) {
        for (Long id : pending.keySet()) {
            fail(id, cause);
        }
        wake();
    }

    @Override
    public void run() {
        ON_REACTOR.set(this);
        ClientLink socket;
        try {
            String identity = ProcessIdentity.hostName() + "." + ProcessIdentity.processName() + ".async-"
                    + SEQUENCE.incrementAndGet() + ":" + client.address() + RequestHandler.JAVA_PEER_MARK;
            socket = client.links().open(identity.getBytes(StandardCharsets.UTF_8), new ConnectionWatch.Listener() {
                        @Override
                        public void lost() {
                            connectionLost();
                        }

                        @Override
                        public void refused(int status) {
                            refusedByServer = true;
                            wake();
                        }
                    });
            link = socket;
        } catch (RuntimeException e) {
            startFailure = e;
            started.countDown();
            stopped.countDown();
            return;
        }
        started.countDown();
        try {
            loop(socket);
        } catch (RuntimeException | Error e) {
            log.error("client I/O thread for {} failed", client.address(), e);
            client.disconnected(new RpcException("the client I/O thread for " + client.address() + " failed: " + e, e));
        } finally {
            socket.close();
            stopped.countDown();
        }
    }

    private void loop(ClientLink socket) {
        ClientLink w = socket;
        long nextSweep = System.nanoTime() + SWEEP_NANOS;
        while (true) {
            passes++;
            w.arm();
            boolean busy = false;
            java.util.concurrent.locks.Lock shared = socket.sharedOutputLock();
            if (shared != null) {
                shared.lock();   // callers write directly only when nothing queued here is ahead of them
            }
            try {
                Outgoing o;
                while ((o = outbox.poll()) != null) {
                    socket.queue(o.head(), o.body());
                    busy = true;
                }
                if (busy) {
                    try {
                        socket.flush();
                    } catch (org.pyacq.transport.TransportException e) {
                        lostConnection = true;   // the local connection broke; its calls fail below
                    }
                }
            } finally {
                if (shared != null) {
                    shared.unlock();
                }
            }
            for (int n = 0; n < 1024; n++) {
                ByteBuffer frame = socket.receiveOne();
                if (frame == null) {
                    break;
                }
                deliver(frame);
                busy = true;
            }
            if (refusedByServer && client.failure() == null) {
                client.disconnected(new AuthenticationException(client.address()));
            }
            if (lostConnection) {
                lostConnection = false;
                if (!pending.isEmpty()) {
                    failAll(client.explainLoss(new ServerDisconnectedException(client.address(), "lost the connection"
                            + " to " + client.address() + " while calls were pending: the server's process died or"
                            + " the network failed; the calls may or may not have run")));
                }
            }
            long now = System.nanoTime();
            if (now - nextSweep >= 0) {
                expireOverdue(now);
                nextSweep = now + SWEEP_NANOS;
            }
            if (closing && outbox.isEmpty()) {
                return;
            }
            if (busy) {
                continue;
            }
            sleeping = true;
            if (outbox.isEmpty() && !closing && !lostConnection) {
                boolean unbounded = pending.isEmpty();
                sleepingUnbounded = unbounded;
                if (unbounded && !pending.isEmpty()) {
                    sleepingUnbounded = false;   // a call came in between: time it
                } else {
                    w.await(unbounded ? -1 : Math.max(1, nextSweep - System.nanoTime()));
                }
                sleepingUnbounded = false;
            }
            sleeping = false;
        }
    }

    private void deliver(ByteBuffer frame) {
        try {
            complete(frame);
        } finally {
            Frames.release(frame);
        }
    }

    private void complete(ByteBuffer frame) {
        ReplyHeader header;
        try {
            header = ReplyHeader.peek(client.serializer(), frame);
        } catch (WireFormatException e) {
            log.warn("dropped an unreadable reply from {}: {}", client.address(), e.getMessage());
            return;
        }
        if (header.disconnect()) {
            client.disconnected(new ServerDisconnectedException(client.address(),
                    "server " + client.address() + " disconnected (it was closed); calls to it fail from now on"));
            return;
        }
        Pending p = pending.remove(header.reqId());
        if (p == null) {
            return;
        }
        try {
            Reply reply = Reply.fromWire(client.serializer().decode(frame, p.decodeWith));
            if (reply.kind() == Reply.Kind.ERROR) {
                p.future.completeExceptionally(new RemoteCallException(client.address(), reply.errorType(),
                        reply.errorLines()));
            } else {
                p.future.complete(reply.value());
            }
        } catch (WireFormatException e) {
            p.future.completeExceptionally(new ProtocolException("bad reply from " + client.address() + " to "
                    + p.action.wireName() + " [" + header.reqId() + "]: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            p.future.completeExceptionally(e);
        }
    }

    /** True until the I/O thread has stopped. */
    boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Sends what is queued, then stops the thread and closes its socket. */
    void close() {
        closing = true;
        wake();
        if (Thread.currentThread() != thread) {
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Blocking on a future from inside its own reply handling would deadlock: refuse it clearly. */
    static void checkNotOnReactorThread(RpcFuture<?> future) {
        if (ON_REACTOR.get() != null) {
            throw new IllegalStateException("cannot wait for " + future + " on a client I/O thread: it would wait for"
                    + " itself; chain with thenCompose/thenApplyAsync instead of blocking in a callback");
        }
    }
}

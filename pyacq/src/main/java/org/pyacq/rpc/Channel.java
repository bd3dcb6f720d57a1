package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.pyacq.transport.ClientLink;
import org.pyacq.transport.ConnectionWatch;
import org.pyacq.transport.Frames;
import org.pyacq.transport.SocketPoller;
import org.pyacq.transport.Waker;
import org.pyacq.wire.Action;
import org.pyacq.wire.Reply;
import org.pyacq.wire.ReplyHeader;
import org.pyacq.wire.Request;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * One thread's connection to a server: a {@link ClientLink} (the same-host Unix socket or a
 * ZeroMQ DEALER) used only by that thread, so a synchronous call goes caller -> socket -> server
 * and back with no hand-off between our own threads. On a server's thread the wait also serves
 * that server's incoming requests (reentrancy).
 */
final class Channel {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Pinned proxies (see {@link #sendOff}) beyond which, or pins older than which, the channel asks for a reply. */
    private static final int PIN_SOFT_LIMIT = 256;
    private static final long PIN_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Pinned proxies beyond which sending waits for the server to catch up. */
    private static final int PIN_HARD_LIMIT = 8192;

    private final RpcClient client;
    private final Thread owner;
    private final ClientLink link;
    /** On a server's thread: the server's poller, which watches this link too; null elsewhere. */
    private final SocketPoller poller;
    private final RpcServer server;
    private final ReentrantLock inUse = new ReentrantLock();
    private final ArrayDeque<Long> awaited = new ArrayDeque<>();
    /** See {@link #sendOff}: oldest first. Owner thread. */
    private final ArrayDeque<Pinned> pinned = new ArrayDeque<>();
    private int pinnedCount;
    /** The id of the last unanswered ping sent to unpin (-1: none). */
    private long barrierSent = -1;
    private final Map<Long, ByteBuffer> setAside = new HashMap<>();
    private long nextId;
    private volatile boolean closed;
    private volatile long connectionLosses;
    private volatile boolean refusedByServer;

    Channel(RpcClient client) {
        this.client = client;
        this.owner = Thread.currentThread();
        this.server = ServerRegistry.current();
        String identity = ProcessIdentity.hostName() + "." + ProcessIdentity.processName() + "."
                + owner.getName().replace(':', '_') + "-" + SEQUENCE.incrementAndGet() + ":" + client.address()
                + RequestHandler.JAVA_PEER_MARK;
        byte[] id = identity.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (id.length > 255) {
            id = ("java." + ProcessHandle.current().pid() + "." + SEQUENCE.get() + RequestHandler.JAVA_PEER_MARK)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        this.link = client.links().open(id, new ConnectionWatch.Listener() {
            @Override
            public void lost() {
                connectionLost();
            }

            @Override
            public void refused(int status) {
                refusedByServer = true;
                waker().wakeup();
            }
        });
        SocketPoller serverPoller = server != null ? server.loop().poller() : null;
        if (serverPoller != null) {
            link.watchWith(serverPoller);
        }
        this.poller = serverPoller;
    }

    Thread owner() {
        return owner;
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends a request and waits for its reply; returns the decoded result. */
    Object call(Action action, ReturnType returnType, Map<String, Object> opts, Duration timeout, ValueMapper decodeWith) {
        inUse.lock();
        try {
            long id = nextId++;
            long deadline = System.nanoTime() + timeout.toNanos();
            long lossesBefore = connectionLosses;
            send(id, action, returnType, opts);
            ByteBuffer frame = awaitReply(id, deadline, action, timeout, lossesBefore);
            Reply reply;
            try {
                reply = Reply.fromWire(client.serializer().decode(frame, decodeWith));
            } catch (WireFormatException e) {
                throw new ProtocolException("bad reply from " + client.address() + " to " + action + " [" + id + "]: "
                        + e.getMessage(), e);
            } finally {
                Frames.release(frame);
            }
            if (reply.kind() == Reply.Kind.ERROR) {
                throw new RemoteCallException(client.address(), reply.errorType(), reply.errorLines());
            }
            return reply.value();
        } finally {
            finishUse();
        }
    }

    /**
     * Sends a request that wants no reply ({@link SyncMode#OFF}). The proxies of this server it names
     * stay pinned until a reply to a later request on this channel (see {@link #pin}); when many are
     * pinned or for long, the channel asks for such a reply without waiting for it.
     */
    void sendOff(Action action, ReturnType returnType, Map<String, Object> opts) {
        inUse.lock();
        try {
            readWaiting();
            send(Request.NO_REPLY, action, returnType, opts);
            if (!pinned.isEmpty()) {
                askForBarrier();
            }
        } finally {
            finishUse();
        }
    }

    /** A request's proxies, pinned until a reply to request {@code barrier} or a later one. */
    private record Pinned(long barrier, List<ObjectProxy> proxies, long sinceNanos) {
    }

    /**
     * Keeps the proxies of this server that a request names (its target, its arguments) reachable,
     * so not released, until a reply to that request (a call) or to a later one (a fire-and-forget
     * request) shows the server has read it. Their automatic release goes out on another connection
     * (the client's reactor), and the server reads its connections in turn, so a release could
     * overtake a request still queued here and drop the object it names (docs/LIFETIME.md).
     */
    private void pin(long id, List<ObjectProxy> named) {
        pinned.addLast(new Pinned(id == Request.NO_REPLY ? nextId : id, named, System.nanoTime()));
        pinnedCount += named.size();
    }

    private void askForBarrier() {
        boolean old = System.nanoTime() - pinned.peekFirst().sinceNanos() > PIN_AGE_NANOS;
        if ((pinnedCount > PIN_SOFT_LIMIT || old) && barrierSent < nextId) {
            // ask for a reply without waiting for it: whichever use of this channel reads it unpins
            barrierSent = nextId;
            send(nextId++, Action.PING, ReturnType.AUTO, null);
        }
        if (pinnedCount > PIN_HARD_LIMIT) {
            awaitBarrier(client.options().timeout());   // the server reads nothing: back-pressure
        }
    }

    /** Waits (at most {@code timeout}) for a reply that unpins everything pinned so far. */
    private void awaitBarrier(Duration timeout) {
        try {
            call(Action.PING, ReturnType.AUTO, null, timeout, ValueMapper.PLAIN);
        } catch (ServerDisconnectedException e) {
            unpinAll();   // the server is gone, and the objects with it
        } catch (RpcException e) {
            // still busy: the proxies stay pinned; the next request tries again
        }
    }

    /** Unpins what a reply to request {@code reqId} shows the server has read. */
    private void unpinThrough(long reqId) {
        while (!pinned.isEmpty() && pinned.peekFirst().barrier() <= reqId) {
            pinnedCount -= pinned.removeFirst().proxies().size();
        }
    }

    private void unpinAll() {
        pinned.clear();
        pinnedCount = 0;
    }

    /** Routes, without waiting, the frames that already arrived (late replies unpin; notices count). */
    private void readWaiting() {
        if (pinned.isEmpty()) {
            return;
        }
        for (int i = 0; i < 64; i++) {
            ByteBuffer frame = link.receiveOne();
            if (frame == null) {
                return;
            }
            route(frame, -2, Action.PING);
        }
    }

    private void finishUse() {
        boolean last = inUse.getHoldCount() == 1;
        inUse.unlock();
        if (last && closed && owner == Thread.currentThread()) {
            closeNow();
        }
    }

    private void send(long id, Action action, ReturnType returnType, Map<String, Object> opts) {
        if (closed) {
            throw new ServerDisconnectedException(client.address(), "the client for " + client.address() + " was closed");
        }
        RequestArgsMapper.Noting mapper = client.argsMapper().noting();
        ByteBuffer body = opts == null ? ByteBuffer.allocate(0) : Encoding.encode(client.serializer(), opts, mapper);
        try {
            link.send(Request.headerFrames(id, action, returnType, client.serializer()), body);
            if (!mapper.named().isEmpty()) {
                pin(id, mapper.named());
            }
        } catch (org.pyacq.transport.TransportException e) {
            unpinAll();   // nothing more reaches the server on this connection
            close();   // a broken local connection is not reopened by itself: the next call makes a new channel
            drainNotices();
            RpcException failure = client.failure();
            if (failure != null) {
                throw failure;
            }
            throw client.explainLoss(new ServerDisconnectedException(client.address(), "lost the " + link.path().wireName()
                    + " connection to " + client.address() + " before sending " + action + " [" + id + "]: "
                    + e.getMessage()));
        }
    }

    private ByteBuffer awaitReply(long id, long deadline, Action action, Duration timeout, long lossesBefore) {
        awaited.push(id);
        Waker previous = poller != null ? server.loop().swapActiveWaker(poller) : null;
        try {
            while (true) {
                if (poller == null) {
                    link.arm();
                }
                ByteBuffer early = setAside.remove(id);
                if (early != null) {
                    return early;
                }
                RpcException failure = client.failure();
                if (failure != null) {
                    throw failure;
                }
                if (refusedByServer) {
                    AuthenticationException refused = new AuthenticationException(client.address());
                    client.disconnected(refused);
                    throw refused;
                }
                ByteBuffer frame = link.receiveOne();
                if (frame != null) {
                    progress();
                    if (route(frame, id, action)) {
                        return frame;
                    }
                    continue;
                }
                if (poller != null && server.loop().isServing() && (server.loop().processOne() | server.loop().runTasks())) {
                    progress();
                    continue;
                }
                if (connectionLosses != lossesBefore) {
                    throw client.explainLoss(new ServerDisconnectedException(client.address(), "lost the connection to "
                            + client.address() + " while waiting for the reply to " + action + " [" + id + "]: the"
                            + " server's process died or the network failed; the call may or may not have run"));
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new RpcTimeoutException(client.address(), action.wireName(), id, timeout, awaited.size());
                }
                if (poller == null) {
                    link.await(remaining);
                } else {
                    poller.await(remaining);
                }
            }
        } finally {
            awaited.pop();
            if (poller != null) {
                server.loop().swapActiveWaker(previous);
            }
        }
    }

    /**
     * Reads, without waiting, what the server sent while this channel was idle; a disconnect notice
     * among it marks the client as disconnected. Owner thread, between calls (or within one: replies
     * of awaited calls are set aside as usual).
     */
    void pollNotices() {
        if (closed) {
            return;
        }
        try {
            link.await(0);   // a real check: what arrived since the last read may not be flagged readable yet
            drainNotices();
        } catch (RuntimeException e) {
            // a broken connection or an unreadable frame: the next call on this channel reports it
        }
    }

    /** Reads what the server sent before the connection broke: a disconnect notice says why. */
    private void drainNotices() {
        for (int i = 0; i < 64; i++) {
            ByteBuffer frame = link.receiveOne();
            if (frame == null) {
                return;
            }
            route(frame, -2, Action.PING);
        }
    }

    /** True if {@code frame} answers request {@code id}; otherwise files or drops it. */
    private boolean route(ByteBuffer frame, long id, Action action) {
        ReplyHeader header;
        try {
            header = ReplyHeader.peek(client.serializer(), frame);
        } catch (WireFormatException e) {
            throw new ProtocolException("unreadable reply from " + client.address() + " while waiting for " + action
                    + " [" + id + "]: " + e.getMessage(), e);
        }
        if (header.disconnect()) {
            client.disconnected(new ServerDisconnectedException(client.address(),
                    "server " + client.address() + " disconnected (it was closed); calls to it fail from now on"));
            unpinAll();
            Frames.release(frame);
            return false;
        }
        if (header.reqId() >= 0) {
            unpinThrough(header.reqId());   // the server has read all this channel sent before that request
        }
        if (header.reqId() == id) {
            return true;
        }
        if (awaited.contains(header.reqId())) {
            setAside.put(header.reqId(), frame);
        } else {
            Frames.release(frame);   // the late reply of a call that timed out; nobody wants it
        }
        return false;
    }

    void wakeup() {
        waker().wakeup();
    }

    /** What the owner waits on; a no-op before the constructor has set it (events can come that early). */
    private Waker waker() {
        Waker w = poller != null ? poller : link;
        return w != null ? w : () -> { };
    }

    private void progress() {
        if (poller != null) {
            poller.progress();
        }
    }

    /** Called when the established connection breaks (on JeroMQ's I/O thread for ZeroMQ links). */
    private void connectionLost() {
        connectionLosses++;
        if (link != null && link.path() == org.pyacq.transport.PathChoice.LOCAL) {
            closed = true;   // never comes back: the next call opens a new channel
            client.forget(this);
        }
        waker().wakeup();
    }

    /**
     * Closes the socket: at once from the owner thread or when the channel is idle; otherwise
     * the owner closes it when its current call ends.
     */
    void close() {
        if (owner == Thread.currentThread() && inUse.getHoldCount() == 0) {
            awaitPinnedRequestsRead();
        }
        closed = true;
        client.forget(this);
        waker().wakeup();
        if (owner == Thread.currentThread()) {
            if (inUse.getHoldCount() == 0) {
                closeNow();
            }
            return;
        }
        try {
            if (inUse.tryLock(2, TimeUnit.SECONDS)) {
                try {
                    closeNow();
                } finally {
                    inUse.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the channel of a thread that has ended, first letting the server read the requests of
     * its pinned proxies, on this thread: the owner's last use of the link happens-before this (it
     * has terminated), and nobody else uses the link. A channel of a server thread is just closed
     * (its wait was the server's, which is gone with that thread).
     */
    void closeForEndedOwner() {
        if (!owner.isAlive() && poller == null && inUse.tryLock()) {
            try {
                awaitPinnedRequestsRead();
            } finally {
                inUse.unlock();
            }
        }
        close();
    }

    /** Before closing: waits (at most the client's timeout) until the server has read what pinned proxies' requests named. */
    private void awaitPinnedRequestsRead() {
        if (!pinned.isEmpty() && !closed && client.failure() == null) {
            awaitBarrier(client.options().timeout());
            unpinAll();   // read, or the server did not answer in time: the releases go either way
        }
    }

    private boolean socketClosed;

    private synchronized void closeNow() {
        if (socketClosed) {
            return;
        }
        socketClosed = true;
        if (poller != null) {
            link.unwatch(poller);
        }
        link.close();
    }
}

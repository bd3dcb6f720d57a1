package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
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

    private final RpcClient client;
    private final Thread owner;
    private final ClientLink link;
    /** On a server's thread: the server's poller, which watches this link too; null elsewhere. */
    private final SocketPoller poller;
    private final RpcServer server;
    private final ReentrantLock inUse = new ReentrantLock();
    private final ArrayDeque<Long> awaited = new ArrayDeque<>();
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

    /** Sends a request that wants no reply ({@link SyncMode#OFF}). */
    void sendOff(Action action, ReturnType returnType, Map<String, Object> opts) {
        inUse.lock();
        try {
            send(Request.NO_REPLY, action, returnType, opts);
        } finally {
            finishUse();
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
        ByteBuffer body = opts == null ? ByteBuffer.allocate(0)
                : Encoding.encode(client.serializer(), opts, client.argsMapper());
        try {
            link.send(Request.headerFrames(id, action, returnType, client.serializer()), body);
        } catch (org.pyacq.transport.TransportException e) {
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
            Frames.release(frame);
            return false;
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

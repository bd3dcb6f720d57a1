package org.pyacq.rpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pyacq.transport.ClientLinks;
import org.pyacq.transport.Endpoints;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.PathChoice;
import org.pyacq.transport.Sockets;
import org.pyacq.wire.Action;
import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.ValueMapper;

/**
 * A connection to one RPC server. Thread-safe: each calling thread talks through a socket of its
 * own (so a synchronous call costs no thread hand-off), and asynchronous calls go through one I/O
 * thread that matches replies to futures in any order.
 *
 * <pre>{@code
 * RpcClient client = RpcClient.connect("tcp://127.0.0.1:5000");   // shared per address
 * ObjectProxy list = (ObjectProxy) client.importModule("java.util.ArrayList").call();
 * list.invoke("add", 5);
 * int size = (Integer) list.invoke("size");
 * RpcFuture<Object> later = list.invokeAsync("get", 0);
 * }</pre>
 *
 * <p>A {@code disconnect} notice from the server, or the death of a spawned server process,
 * fails every pending and later call at once with {@link ServerDisconnectedException}.
 */
public final class RpcClient implements AutoCloseable {
    private static final Map<String, RpcClient> REGISTRY = new ConcurrentHashMap<>();

    static {
        ProcessShutdown.install();
    }

    private final String address;
    private final ClientOptions options;
    private final boolean shared;
    private final ClientLinks links;
    private final ReplyMapper replyMapper = new ReplyMapper(this);
    private final RequestArgsMapper argsMapper = new RequestArgsMapper(this);
    private final ThreadLocal<Channel> channels = new ThreadLocal<>();
    private final Set<Channel> allChannels = ConcurrentHashMap.newKeySet();
    private final Object reactorLock = new Object();
    private volatile ClientReactor reactor;
    private volatile RpcException failure;
    private volatile boolean retired;
    private volatile boolean closed;
    private volatile java.util.function.UnaryOperator<RpcException> lossExplainer = java.util.function.UnaryOperator.identity();

    private RpcClient(String address, ClientOptions options, boolean shared) {
        Endpoints.validate(address);
        this.address = address;
        this.options = Objects.requireNonNull(options, "options");
        this.shared = shared;
        this.links = new ClientLinks(address, options.security(), options.path(), LocalDirectory.defaultLocation(),
                Sockets.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * The process's shared client for {@code address}, created on first use with default
     * options. Closed when the process exits; {@link #close()} removes it from the registry.
     */
    public static RpcClient connect(String address) {
        RpcClient c = REGISTRY.get(address);
        if (c != null && c.usable()) {
            // a notice that its server closed may be waiting on this thread's channel, unread since its
            // last call: read it now, so that a server bound at the address since gets a fresh client
            c.pollNotices();
            if (c.usable()) {
                return c;
            }
        }
        synchronized (REGISTRY) {
            c = REGISTRY.get(address);
            if (c != null && !c.usable()) {
                // its server closed or was declared gone: a server bound at the address since (ports are
                // reused) is another one, which a fresh client reaches; the old proxies keep failing
                c.retired = true;
                c.close();
                c = null;
            }
            if (c == null) {
                c = new RpcClient(address, ClientOptions.defaults(), true);
                REGISTRY.put(address, c);
            }
            return c;
        }
    }

    /** The registered shared client for {@code address}, usable or not, or null (creates nothing). */
    static RpcClient registered(String address) {
        return REGISTRY.get(address);
    }

    /**
     * True once {@link #connect} replaced this client because its server had gone: its proxies must
     * not move to the replacement (their ids mean nothing to another server).
     */
    boolean isRetired() {
        return retired;
    }

    /** {@link Channel#pollNotices()} on this thread's channel, if it has one. */
    private void pollNotices() {
        Channel c = channels.get();
        if (c != null && !c.isClosed()) {
            c.pollNotices();
        }
    }

    /** Not closed, and its server has not gone. */
    private boolean usable() {
        return !closed && failure == null;
    }

    /**
     * Tells the process's shared client for {@code address} (if any) that its server is gone, so
     * its pending and later calls fail at once with {@code cause}. Used by process supervisors.
     */
    public static void serverGone(String address, RpcException cause) {
        RpcClient c = REGISTRY.get(address);
        if (c != null) {
            c.disconnected(cause);
        }
    }

    /**
     * Ends this process's leases: every server that keeps leases drops, at once, every reference
     * this process holds there (the objects its proxies stand for, unless something else holds
     * them). For a process that is done with all its proxies, such as a command line run before
     * it exits; its proxies fail afterwards. Waits at most {@code timeout} per server.
     */
    public static void endLeases(Duration timeout) {
        ClientLeases.endAll(timeout);
    }

    /** A client of its own (not shared through the registry) with these options; close it when done. */
    public static RpcClient open(String address, ClientOptions options) {
        return new RpcClient(address, options, false);
    }

    // ---- calls ---------------------------------------------------------------------------

    /**
     * Sends one request. Returns the result for {@link SyncMode#SYNC}, an {@link RpcFuture} for
     * {@link SyncMode#ASYNC}, null for {@link SyncMode#OFF}.
     */
    Object send(Action action, Map<String, Object> opts, ReturnType returnType, SyncMode mode, Duration timeout) {
        return send(action, opts, returnType, mode, timeout, replyMapper);
    }

    Object send(Action action, Map<String, Object> opts, ReturnType returnType, SyncMode mode, Duration timeout,
            ValueMapper decodeWith) {
        checkUsable();
        opts = ClientLeases.withToken(this, action, opts);
        switch (mode) {
            case SYNC:
                return channel().call(action, returnType, opts, timeout, decodeWith);
            case OFF:
                channel().sendOff(action, returnType, opts);
                return null;
            default:
                return reactor().submit(action, returnType, opts, timeout, decodeWith);
        }
    }

    /** Sends {@code ping} and waits for {@code pong}. */
    public void ping() {
        ping(options.timeout());
    }

    public void ping(Duration timeout) {
        Object r = send(Action.PING, null, ReturnType.AUTO, SyncMode.SYNC, timeout);
        if (!"pong".equals(r)) {
            throw new ProtocolException("ping to " + address + " answered " + r + " instead of pong");
        }
    }

    /** Imports a class or package (or a static member, e.g. {@code java.lang.System.out}) in the server. */
    public ObjectProxy importModule(String name) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("module", Objects.requireNonNull(name, "name"));
        Object r = send(Action.IMPORT, opts, ReturnType.PROXY, SyncMode.SYNC, options.timeout());
        return (ObjectProxy) r;
    }

    /** The object the server published under {@code name} (by value or by proxy, as return type auto decides). */
    public Object get(String name) {
        return get(name, options.timeout());
    }

    /** As {@link #get(String)}, waiting at most {@code timeout} for the answer. */
    public Object get(String name, Duration timeout) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("name", Objects.requireNonNull(name, "name"));
        return send(Action.GET_ITEM, opts, ReturnType.AUTO, SyncMode.SYNC, Objects.requireNonNull(timeout, "timeout"));
    }

    /** Publishes {@code value} in the server under {@code name}. */
    public void set(String name, Object value) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("name", Objects.requireNonNull(name, "name"));
        opts.put("obj", value);
        send(Action.SET_ITEM, opts, ReturnType.AUTO, SyncMode.SYNC, options.timeout());
    }

    /**
     * Copies a value into the server and returns a proxy to the copy there.
     *
     * @throws org.pyacq.wire.WireFormatException if the value cannot be sent by value
     */
    public ObjectProxy transfer(Object value) {
        options.serializer().encodeToBytes(value, ValueMapper.PLAIN);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("obj", value);
        return (ObjectProxy) send(Action.GET_OBJ, opts, ReturnType.PROXY, SyncMode.SYNC, options.timeout());
    }

    /**
     * Asks the server to close. It answers, then sends the disconnect notice to its other
     * clients; this client is disconnected afterwards. Returns true if the server confirmed.
     */
    public boolean closeServer() {
        if (failure != null) {
            return true;
        }
        Object r;
        try {
            r = send(Action.CLOSE, null, ReturnType.AUTO, SyncMode.SYNC, options.timeout());
        } catch (ServerDisconnectedException e) {
            return true;
        }
        disconnected(new ServerDisconnectedException(address, "server " + address + " was closed by this client"));
        return Boolean.TRUE.equals(r);
    }

    /** The published {@code self} object of the server (a proxy to the RpcServer for Java servers). */
    public ObjectProxy self() {
        return (ObjectProxy) get("self");
    }

    /**
     * Estimates the offset of the server's wall clock from this one's, from the round trip with
     * the smallest delay among {@code samples} calls.
     */
    public ClockOffset measureClockOffset(int samples) {
        return ClockOffset.measure(this, samples);
    }

    // ---- state ---------------------------------------------------------------------------

    public String address() {
        return address;
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * The path this client's connections take (the same-host Unix socket or ZeroMQ), or empty
     * before its first call. See {@link ClientOptions.Builder#path}.
     */
    public java.util.Optional<PathChoice> currentPath() {
        return links.currentPath();
    }

    ClientLinks links() {
        return links;
    }

    public Serializer serializer() {
        return options.serializer();
    }

    /** True once the server disconnected (or died), or this client was closed. */
    public boolean isDisconnected() {
        return failure != null;
    }

    /** Number of asynchronous calls waiting for a reply. */
    public int pendingCalls() {
        ClientReactor r = reactor;
        return r == null ? 0 : r.pendingCount();
    }

    /**
     * Marks the server as gone: every pending call and every later one fails with {@code cause}.
     * Used for the disconnect notice, and by supervisors that see the server's process die.
     */
    public void disconnected(RpcException cause) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = cause;
        }
        ClientReactor r = reactor;
        if (r != null) {
            r.failAll(cause);
        }
        for (Channel c : allChannels) {
            c.wakeup();
        }
        if (shared && !closed) {
            freeResourcesLater();
        }
    }

    /**
     * A shared client whose server has gone stays registered (its proxies keep failing with the
     * cause, the lease renewer sees the loss there, and {@link #connect} replaces it when a server
     * binds the address again), but holds no thread, selector or socket any more: a daemon whose
     * children come and go kept an idle I/O thread and its selector per dead child it had held
     * leases in. Done on a thread of its own: the caller may be the I/O thread itself.
     */
    private void freeResourcesLater() {
        Thread t = new Thread(this::freeResources, "pyacq-client-free");
        t.setDaemon(true);
        t.start();
    }

    private void freeResources() {
        ClientReactor r;
        synchronized (reactorLock) {
            r = reactor;   // no new one starts: reactor() checks that the client is usable
        }
        if (r != null) {
            r.close();
        }
        for (Channel c : new ArrayList<>(allChannels)) {
            c.close();   // a channel in use is closed by its owner when its call ends
        }
    }

    /** True while this client has an I/O thread running or a channel open (for tests). */
    boolean holdsResources() {
        ClientReactor r = reactor;
        return r != null && r.isRunning() || !allChannels.isEmpty();
    }

    RpcException failure() {
        return failure;
    }

    private void checkUsable() {
        RpcException f = failure;
        if (f != null) {
            throw f.getClass() == ServerDisconnectedException.class
                    ? new ServerDisconnectedException(address, f.getMessage(), f) : f;
        }
    }

    /**
     * Lets a supervisor turn "the connection was lost" into a better explanation (e.g. "the
     * process died with exit code 137"). The explainer may wait briefly; it runs on the thread
     * that noticed the loss.
     */
    public void explainConnectionLoss(java.util.function.UnaryOperator<RpcException> explainer) {
        this.lossExplainer = java.util.Objects.requireNonNull(explainer, "explainer");
    }

    RpcException explainLoss(RpcException loss) {
        RpcException better = lossExplainer.apply(loss);
        return better != null ? better : loss;
    }

    /**
     * Closes this client's sockets and threads. Later calls fail. Shared clients leave the
     * registry; the next {@link #connect} makes a new one.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shared) {
            REGISTRY.remove(address, this);
        }
        disconnected(new ServerDisconnectedException(address, "the client for " + address + " was closed"));
        ClientReactor r;
        synchronized (reactorLock) {
            r = reactor;
        }
        if (r != null) {
            r.close();
        }
        for (Channel c : new ArrayList<>(allChannels)) {
            c.close();
        }
        allChannels.clear();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- internals -----------------------------------------------------------------------

    Channel channel() {
        Channel c = channels.get();
        if (c == null || c.isClosed()) {
            sweepDeadChannels();
            c = new Channel(this);
            channels.set(c);
            allChannels.add(c);
            if (closed) {
                c.close();
                checkUsable();
            }
        }
        return c;
    }

    void forget(Channel c) {
        allChannels.remove(c);
    }

    private void sweepDeadChannels() {
        for (Channel c : allChannels) {
            if (!c.owner().isAlive()) {
                c.closeForEndedOwner();
            }
        }
    }

    ClientReactor reactor() {
        ClientReactor r = reactor;
        if (r == null) {
            synchronized (reactorLock) {
                r = reactor;
                if (r == null) {
                    checkUsable();
                    r = new ClientReactor(this);
                    r.start();
                    reactor = r;
                }
            }
        }
        return r;
    }

    ReplyMapper replyMapper() {
        return replyMapper;
    }

    RequestArgsMapper argsMapper() {
        return argsMapper;
    }

    /** Releases a remote reference in the background (automatic release of garbage-collected proxies). */
    void releaseLater(long objId, long refId) {
        if (failure != null || closed) {
            return;
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("obj_id", objId);
        opts.put("ref_id", refId);
        reactor().submitOff(Action.DELETE, opts);
    }

    /** A fresh reference to the object behind {@code proxy}, for handing to another process. */
    ProxyRef mint(ObjectProxy proxy) {
        return mint(proxy, false);
    }

    /**
     * A fresh reference to the object behind {@code proxy} for another process. With
     * {@code transfer} (the receiver is one of our Java processes, which claims it into its own
     * lease) the server holds it in a transfer lease; otherwise it belongs to no lease and lives
     * until the receiver deletes it, as in pyacq.
     */
    ProxyRef mint(ObjectProxy proxy, boolean transfer) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("obj", proxy);
        if (transfer && ClientLeases.isLeased(address)) {
            opts.put(ServerLeases.TOKEN, ClientLeases.TOKEN);
            opts.put(ServerLeases.TRANSFER, Boolean.TRUE);
        } else {
            checkUsable();
            return (ProxyRef) channel().call(Action.GET_OBJ, ReturnType.PROXY, opts, options.timeout(), ValueMapper.PLAIN);
        }
        Object r = send(Action.GET_OBJ, opts, ReturnType.PROXY, SyncMode.SYNC, options.timeout(), ValueMapper.PLAIN);
        return (ProxyRef) r;
    }

    static List<RpcClient> registered() {
        return new ArrayList<>(REGISTRY.values());
    }

    @Override
    public String toString() {
        return "RpcClient[" + address + ", " + options.serializer().name()
                + (failure != null ? ", disconnected" : "") + "]";
    }
}

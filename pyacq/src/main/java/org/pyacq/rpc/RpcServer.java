package org.pyacq.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyacq.rpc.invoke.AccessPolicy;
import org.pyacq.rpc.invoke.Invoker;
import org.pyacq.rpc.invoke.InvokerOptions;
import org.pyacq.transport.Frames;
import org.pyacq.transport.InsecureBindException;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.LocalRouter;
import org.pyacq.transport.SocketPoller;
import org.pyacq.transport.SocketWaiter;
import org.pyacq.transport.Waker;
import org.pyacq.transport.Sockets;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.ProxyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * Serves objects of this JVM to remote callers over a ZeroMQ ROUTER socket, speaking the pyacq
 * protocol. Requests run one at a time on the server's thread (an actor: served objects need not
 * be thread-safe) unless a worker pool is configured. While that thread waits for a synchronous
 * call to another server, it keeps serving its own requests, so call chains that come back
 * (A calls B calls A) do not deadlock.
 *
 * <pre>{@code
 * try (RpcServer server = RpcServer.builder().name("worker").build().start()) {
 *     server.publish("data", new ArrayList<>());
 *     System.out.println("serving at " + server.address());
 *     server.awaitClosed(Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    private static final ThreadLocal<RpcServer> CURRENT = new ThreadLocal<>();
    private static final Map<String, RpcServer> BY_ADDRESS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Object LOCAL_LOCK = new Object();
    private static RpcServer localServer;

    private final String bindAddress;
    private final String name;
    private final TransportSecurity security;
    private final long maxMessageBytes;
    private final boolean allowInsecureRemote;
    private final int workerCount;
    private final boolean daemon;
    private final LocalDirectory localDirectory;
    private final Invoker invoker;
    private final ReferenceTable references = new ReferenceTable();
    private final Map<String, Object> namespace = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch boundLatch = new CountDownLatch(1);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final RequestHandler handler;
    private final ServerLeases leases;

    private volatile String address;
    private volatile Thread owner;
    private volatile boolean closing;
    private volatile boolean looping;
    private volatile Waker activeWaker;
    private volatile RuntimeException bindFailure;
    private volatile boolean localExporter;
    private ZMQ.Socket socket;
    private SocketWaiter waiter;
    /** Watches the ZeroMQ socket and the local endpoint together; also used by reentrant calls. */
    private volatile SocketPoller poller;
    private volatile LocalRouter local;
    private ExecutorService workers;

    static {
        ProcessShutdown.install();
    }

    private RpcServer(Builder b) {
        this.bindAddress = b.address;
        this.name = b.name != null ? b.name : "server-" + COUNTER.incrementAndGet();
        this.security = b.security;
        this.maxMessageBytes = b.maxMessageBytes;
        this.allowInsecureRemote = b.allowInsecureRemote;
        this.workerCount = b.workers;
        this.daemon = b.daemon;
        this.localDirectory = b.localEndpoint ? b.localDirectory : null;
        InvokerOptions options = b.invokerOptions != null ? b.invokerOptions
                : InvokerOptions.builder().remoteObjects(RemoteProxies.INSTANCE).build();
        if (b.accessPolicy != null) {
            options = options.toBuilder().accessPolicy(b.accessPolicy).build();
        }
        this.invoker = new Invoker(options);
        this.handler = new RequestHandler(this);
        this.leases = new ServerLeases(this, b.leaseMillis > 0 ? b.leaseMillis : ServerLeases.defaultLeaseMillis(),
                b.idleExpiryMillis >= 0 ? b.idleExpiryMillis : ServerLeases.defaultIdleMillis());
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle ----------------------------------------------------------------------

    /**
     * Starts serving on a new thread and returns once the socket is bound.
     *
     * @throws org.pyacq.transport.TransportException if the address cannot be bound
     */
    public RpcServer start() {
        if (owner != null) {
            throw new IllegalStateException("server " + name + " is already running");
        }
        Thread t = new Thread(this::run, "pyacq-server-" + name);
        t.setDaemon(daemon);
        t.start();
        try {
            if (!boundLatch.await(30, TimeUnit.SECONDS)) {
                throw new RpcException("server " + name + " did not bind " + bindAddress + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted while starting server " + name, e);
        }
        if (bindFailure != null) {
            throw bindFailure;
        }
        return this;
    }

    /**
     * Binds the socket on the calling thread, which becomes the server's thread: call
     * {@link #run()} from it afterwards. Use this to learn the address before serving.
     */
    public RpcServer bind() {
        synchronized (this) {
            if (owner != null) {
                throw new IllegalStateException("server " + name + " is already bound by thread " + owner.getName());
            }
            owner = Thread.currentThread();
        }
        if (CURRENT.get() != null) {
            owner = null;
            throw new IllegalStateException("thread " + Thread.currentThread().getName()
                    + " already runs server " + CURRENT.get().name + "; one server per thread");
        }
        try {
            socket = Sockets.bindRouter(bindAddress, security, maxMessageBytes, allowInsecureRemote);
            address = Sockets.endpoint(socket);
            waiter = new SocketWaiter(socket);
            poller = new SocketPoller();
            poller.register(socket);
            bindLocal();
            if (workerCount > 0) {
                AtomicInteger n = new AtomicInteger();
                workers = Executors.newFixedThreadPool(workerCount, r -> {
                    Thread w = new Thread(r, "pyacq-worker-" + name + "-" + n.incrementAndGet());
                    w.setDaemon(true);
                    return w;
                });
            }
            CURRENT.set(this);
            BY_ADDRESS.put(address, this);
            namespace.put("self", this);
            log.debug("RPC server {} bound at {}", name, address);
            return this;
        } catch (RuntimeException e) {
            bindFailure = e;
            owner = null;
            closedLatch.countDown();
            throw e;
        } finally {
            boundLatch.countDown();
        }
    }

    /** Opens the same-host endpoint; a server without one still serves over ZeroMQ. */
    private void bindLocal() {
        if (localDirectory == null) {
            return;
        }
        try {
            local = LocalRouter.bind(localDirectory, address, maxMessageBytes);
            local.watchWith(poller);
            local.onDisconnect(handler::forget);
            log.debug("RPC server {} also serves same-host clients at {}", name, local.file());
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("RPC server {} at {} has no same-host endpoint (clients use ZeroMQ): {}", name, address,
                    e.getMessage());
        }
    }

    /** Serves on the calling thread until the server is closed (binds first if needed). */
    public void run() {
        if (owner == null) {
            try {
                bind();
            } catch (RuntimeException e) {
                return;
            }
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("server " + name + " was bound by thread " + owner.getName()
                    + "; run it from that thread");
        }
        looping = true;
        try {
            boolean select = local != null;
            activeWaker = select ? poller : waiter;
            while (!closing) {
                if (!select) {
                    waiter.arm();
                }
                boolean busy = processOne();
                busy |= runTasks();
                if (busy) {
                    poller.progress();
                } else if (!closing) {
                    if (select) {
                        poller.await(-1);
                    } else {
                        waiter.awaitReadable(-1);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("RPC server {} stopped by an unexpected error", name, e);
            throw e;
        } finally {
            looping = false;
            shutdown();
        }
    }

    /**
     * Closes the server: sends the disconnect notice to every client it knows, stops serving and
     * releases every object it held for proxies. Waits (up to 10 s) for a request in progress.
     */
    @Override
    public void close() {
        Thread t = owner;
        if (t == null) {
            closing = true;
            closedLatch.countDown();
            return;
        }
        if (Thread.currentThread() == t) {
            beginClose(null);
            if (!looping) {
                shutdown();
            }
            return;
        }
        post(() -> beginClose(null));
        if (!awaitClosed(Duration.ofSeconds(10))) {
            log.warn("RPC server {} is still busy with a request 10 s after close()", name);
        }
    }

    /** Waits until the server has stopped; true if it has. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isClosed() {
        return closedLatch.getCount() == 0;
    }

    /** Starts closing on the owner thread: notices go out now, the loop ends after the current request. */
    void beginClose(byte[] except) {
        if (closing) {
            return;
        }
        closing = true;
        handler.sendDisconnects(except);
    }

    private void shutdown() {
        if (socket == null) {
            closedLatch.countDown();
            return;
        }
        beginClose(null);
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runTasks();
        }
        timers.forEach(RpcTimer::stop);
        BY_ADDRESS.remove(address, this);
        namespace.clear();
        references.clear();
        waiter.close();
        if (local != null) {
            local.close();
            local = null;
        }
        poller.close();
        poller = null;
        socket.close();
        socket = null;
        CURRENT.remove();
        log.debug("RPC server {} at {} closed", name, address);
        closedLatch.countDown();
    }

    // ---- serving -------------------------------------------------------------------------

    /** Reads and handles one request if one is waiting; true if it did. Owner thread only. */
    boolean processOne() {
        ZMQ.Socket s = socket;
        if (s == null) {
            return false;
        }
        Frames.Received msg = SocketPoller.readable(s) ? Frames.receive(s, 8) : null;
        if (msg == null && local != null) {
            msg = local.receive(8);
        }
        if (msg == null) {
            return false;
        }
        handler.handle(msg);
        return true;
    }

    /** Sends a reply to a caller, over the path its request came by. Owner thread. */
    void sendReply(byte[] identity, java.nio.ByteBuffer reply) {
        if (socket == null) {
            return;
        }
        if (local == null || !local.sendTo(identity, reply)) {
            Frames.sendTo(socket, identity, reply);
        }
    }

    /** True while the server is bound and not yet shut down. Owner thread. */
    boolean isServing() {
        return socket != null;
    }

    /** The owner thread's combined wait (the ZeroMQ socket and the local endpoint); null before bind. */
    SocketPoller poller() {
        return poller;
    }

    /** Open same-host connections (0 without a local endpoint). */
    public int localConnectionCount() {
        LocalRouter l = local;
        return l == null ? 0 : l.connectionCount();
    }

    /** The socket file of the same-host endpoint, if the server has one. */
    public Optional<java.nio.file.Path> localEndpoint() {
        LocalRouter l = local;
        return l == null ? Optional.empty() : Optional.of(l.file());
    }

    /** Runs work posted by other threads (worker replies, close requests); true if any ran. */
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

    /** Runs {@code task} on the server's thread soon. */
    void post(Runnable task) {
        tasks.add(task);
        wakeup();
    }

    void wakeup() {
        Waker w = activeWaker;
        if (w != null) {
            w.wakeup();
        }
        SocketWaiter own = waiter;
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

    /** Keeps serving on the owner thread until {@code future} is done or the time is up. */
    void serveUntil(CompletableFuture<?> future, long timeoutNanos) {
        if (Thread.currentThread() != owner || socket == null) {
            return;
        }
        future.whenComplete((v, e) -> wakeup());
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        Waker previous = swapActiveWaker(waiter);
        try {
            while (true) {
                waiter.arm();
                if (future.isDone()) {
                    return;
                }
                if (processOne() | runTasks()) {
                    continue;
                }
                long remaining = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && remaining <= 0) {
                    return;
                }
                waiter.awaitReadable(remaining);
            }
        } finally {
            swapActiveWaker(previous);
        }
    }

    /** True for the process's callback server ({@link #local()}). */
    boolean isLocalExporter() {
        return localExporter;
    }

    ExecutorService workers() {
        return workers;
    }

    // ---- timers --------------------------------------------------------------------------

    private final java.util.Set<RpcTimer> timers = ConcurrentHashMap.newKeySet();

    /**
     * Calls {@code callback} every {@code intervalSeconds} (start to start), {@code limit} times
     * (0: until stopped). The callback may be a local callable (a Runnable, lambda or method
     * group; it runs on this server's thread) or a proxy to a remote one.
     */
    public RpcTimer startTimer(Object callback, double intervalSeconds, int limit) {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("timer interval must be a positive number of seconds, got "
                    + intervalSeconds);
        }
        return startTimer(callback, Duration.ofNanos((long) (intervalSeconds * 1e9)), limit);
    }

    /** Like {@link #startTimer(Object, double, int)}. */
    public RpcTimer startTimer(Object callback, Duration interval, int limit) {
        if (closing) {
            throw new IllegalStateException("server " + name + " is closed; it cannot start timers");
        }
        RpcTimer timer = new RpcTimer(this, callback, interval, limit);
        timers.add(timer);
        return timer.start();
    }

    void forgetTimer(RpcTimer timer) {
        timers.remove(timer);
    }

    // ---- objects -------------------------------------------------------------------------

    /** Publishes {@code object} under {@code name}; clients get it with {@link RpcClient#get(String)}. */
    public void publish(String name, Object object) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(object, "object");
        namespace.put(name, object);
    }

    /** Removes a published name; true if it was there. */
    public boolean unpublish(String name) {
        return namespace.remove(name) != null;
    }

    /** The published object, if any. */
    public Optional<Object> published(String name) {
        return Optional.ofNullable(namespace.get(name));
    }

    /** Published names. */
    public java.util.Set<String> publishedNames() {
        return java.util.Set.copyOf(namespace.keySet());
    }

    /**
     * Registers {@code object} for remote use and returns a proxy reference to it, which the
     * receiver owns (it releases it when done).
     */
    public ProxyRef export(Object object) {
        return export(object, ServerLeases.current());
    }

    /**
     * Registers {@code object} for a third process that claims the reference into its own lease
     * (docs/LIFETIME.md); unclaimed, it expires after one lease time.
     */
    ProxyRef exportForTransfer(Object object) {
        leases.startReaper();
        return export(object, references.transferLease(leases.leaseMillis(), LeaseTable.clockMillis()));
    }

    /** Registers {@code object} outside any lease (released only by a delete). */
    ProxyRef exportUnleased(Object object) {
        return export(object, null);
    }

    private ProxyRef export(Object object, LeaseTable.Lease lease) {
        ReferenceTable.Ids ids = references.register(object, lease);
        return new ProxyRef(requireAddress(), ids.objId(), ids.refId(), invoker.typeString(object), java.util.List.of());
    }

    /** Objects currently kept alive for remote proxies. */
    public int liveObjectCount() {
        return references.objectCount();
    }

    /** Outstanding proxy references over all objects. */
    public int referenceCount() {
        return references.referenceCount();
    }

    /** A snapshot of this server's reference table and leases (docs/LIFETIME.md). */
    public ServerStatistics statistics() {
        return ServerStatistics.of(this, references, leases);
    }

    /** {@link #statistics()} as plain data (read-only, so it travels by value to remote callers). */
    public Map<String, Object> statisticsMap() {
        return java.util.Collections.unmodifiableMap(statistics().toMap());
    }

    ReferenceTable references() {
        return references;
    }

    ServerLeases leases() {
        return leases;
    }

    Map<String, Object> namespace() {
        return namespace;
    }

    Invoker invoker() {
        return invoker;
    }

    // ---- identity ------------------------------------------------------------------------

    /** The address clients connect to, e.g. {@code tcp://127.0.0.1:53411}. */
    public String address() {
        return requireAddress();
    }

    private String requireAddress() {
        String a = address;
        if (a == null) {
            throw new IllegalStateException("server " + name + " is not bound yet; call start() or bind()");
        }
        return a;
    }

    public String name() {
        return name;
    }

    /** Remote callers use this to measure clock offsets: seconds since the epoch, microsecond resolution. */
    public double clock() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    /** A liveness check callable through {@code self}. */
    public String ping() {
        return "pong";
    }

    @Override
    public String toString() {
        return "RpcServer[" + name + " at " + (address != null ? address : bindAddress)
                + (closing ? ", closed" : "") + "]";
    }

    // ---- process-wide lookups ------------------------------------------------------------

    /** The server whose thread is the calling thread, if any. */
    public static Optional<RpcServer> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static RpcServer currentOrNull() {
        return CURRENT.get();
    }

    static java.util.List<RpcServer> running() {
        return new java.util.ArrayList<>(BY_ADDRESS.values());
    }

    /** Close at JVM exit: tell clients, but do not wait long for a busy thread. */
    void closeForExit() {
        Thread t = owner;
        if (t == null || Thread.currentThread() == t) {
            close();
            return;
        }
        post(() -> beginClose(null));
        awaitClosed(Duration.ofSeconds(2));
    }

    /** A running server of this process bound at {@code address}, if any. */
    static RpcServer byAddress(String address) {
        return BY_ADDRESS.get(address);
    }

    /**
     * This process's server for objects passed by reference (callbacks): the calling thread's own
     * server if it is a server thread, else a shared daemon server started on first use.
     */
    public static RpcServer local() {
        RpcServer own = CURRENT.get();
        if (own != null) {
            return own;
        }
        synchronized (LOCAL_LOCK) {
            if (localServer == null || localServer.closing) {
                RpcServer s = builder().name("local").daemon(true).build();
                s.localExporter = true;
                localServer = s.start();
            }
            return localServer;
        }
    }

    /** Builds an {@link RpcServer}; nothing is bound until {@link RpcServer#start()} or {@link RpcServer#bind()}. */
    public static final class Builder {
        private String address = "tcp://127.0.0.1:*";
        private String name;
        private TransportSecurity security;
        private boolean allowInsecureRemote;
        private long maxMessageBytes = Sockets.DEFAULT_MAX_MESSAGE_BYTES;
        private int workers;
        private boolean daemon;
        private InvokerOptions invokerOptions;
        private AccessPolicy accessPolicy;
        private long leaseMillis;
        private long idleExpiryMillis = -1;

        /**
         * How long a Java client's lease lasts without renewal (docs/LIFETIME.md); when it ends, the
         * server drops every reference that client held. Default {@code -Dpyacq.lease.seconds},
         * else 5 minutes. Our clients renew every third of it.
         */
        public Builder leaseTime(Duration leaseTime) {
            if (leaseTime.isNegative() || leaseTime.isZero()) {
                throw new IllegalArgumentException("leaseTime must be positive, got " + leaseTime);
            }
            this.leaseMillis = Math.max(1, leaseTime.toMillis());
            return this;
        }

        /**
         * Drops the references of a stock pyacq client (which knows nothing of leases) after it sent
         * no request for this long (null or zero: never). Default {@code -Dpyacq.idleExpiry.seconds}, else
         * never, as in pyacq.
         */
        public Builder idleExpiry(Duration idle) {
            this.idleExpiryMillis = idle == null || idle.isZero() ? 0 : Math.max(1, idle.toMillis());
            return this;
        }

        private boolean localEndpoint = !"false".equalsIgnoreCase(System.getProperty("pyacq.local", "true"));
        private LocalDirectory localDirectory;

        /**
         * Whether the server also listens on a same-host endpoint (a Unix socket only this user can
         * use, checked by the kernel), which Java clients on this host take instead of ZeroMQ.
         * Default on; the system property {@code pyacq.local=false} turns it off for the process.
         */
        public Builder localEndpoint(boolean enabled) {
            this.localEndpoint = enabled;
            return this;
        }

        /** Where the same-host endpoint goes; default {@link LocalDirectory#defaultLocation()}. */
        public Builder localDirectory(LocalDirectory directory) {
            this.localDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Where to bind; default {@code tcp://127.0.0.1:*} (a free port on loopback). */
        public Builder address(String address) {
            org.pyacq.transport.Endpoints.validate(address);
            this.address = address;
            return this;
        }

        /** A name for logs and the thread, e.g. the process name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** How the socket authenticates; default {@link DefaultSecurity#get()} at {@link #build()}. */
        public Builder security(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Lets a plain (unauthenticated) server bind an address other machines can reach. Without it
         * (the default) {@link #build()} refuses: anyone who reaches such a server can run code as
         * this user. Only for trusted networks.
         */
        public Builder allowInsecureRemote(boolean allow) {
            this.allowInsecureRemote = allow;
            return this;
        }

        /**
         * The largest request accepted, in bytes; default {@link Sockets#DEFAULT_MAX_MESSAGE_BYTES}
         * (512 MiB). A client that sends a bigger one is disconnected before anything is allocated.
         */
        public Builder maxMessageBytes(long maxMessageBytes) {
            if (maxMessageBytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + maxMessageBytes);
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /**
         * Runs requests on a pool of {@code n} threads instead of one at a time on the server's
         * thread; served objects must then be thread-safe. 0 (the default) keeps the actor model.
         */
        public Builder workers(int n) {
            if (n < 0 || n > 1024) {
                throw new IllegalArgumentException("workers must be between 0 and 1024, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** Whether the thread started by {@link RpcServer#start()} is a daemon thread (default false). */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** Class loader, access policy and the like for reflective calls. */
        public Builder invokerOptions(InvokerOptions options) {
            this.invokerOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Limits the classes and members remote callers may import or reach (checked on every import,
         * attribute walk and constructor call), e.g.
         * {@code PackageAccessPolicy.builder().allow("com.example.services").build()}. Replaces the
         * policy of {@link #invokerOptions}. Default: everything is allowed.
         */
        public Builder accessPolicy(AccessPolicy policy) {
            this.accessPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @throws InsecureBindException if the server would be plain on an address that is not
         *     loopback without {@link #allowInsecureRemote}
         * @throws org.pyacq.transport.KeyFileException if the default security needs this user's key
         *     and it cannot be read or created
         */
        public RpcServer build() {
            if (security == null) {
                security = DefaultSecurity.get();
            }
            if (localDirectory == null) {
                localDirectory = LocalDirectory.defaultLocation();
            }
            Sockets.checkBindAllowed(address, security, allowInsecureRemote);
            return new RpcServer(this);
        }
    }
}

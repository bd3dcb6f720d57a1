package org.pyacq.rpc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyacq.rpc.invoke.Invoker;
import org.pyacq.rpc.invoke.InvokerOptions;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.ServerEndpoint;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.ProxyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves objects of this JVM to remote callers, speaking the pyacq protocol over a ZeroMQ ROUTER
 * socket and, for Java clients of this host and user, a same-host socket. Requests run one at a time on the server's thread (an actor: served objects need not
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
 *
 * <p>The work is split by job: {@link ServerEndpoint} (transport) owns the sockets, {@link ServerLoop}
 * runs the owner thread's loop, {@link RequestHandler} answers requests, {@link ReferenceTable} and
 * {@link ServerLeases} keep objects alive for proxies, {@link ServerRegistry} knows the process's
 * servers, {@link RpcServerBuilder} holds the options.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

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
    private final java.util.Set<RpcTimer> timers = ConcurrentHashMap.newKeySet();
    private final CountDownLatch boundLatch = new CountDownLatch(1);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final RequestHandler handler;
    private final ServerLoop loop;
    private final ServerLeases leases;
    private final boolean localExporter;

    private volatile String address;
    private volatile Thread owner;
    private volatile boolean closing;
    private volatile boolean looping;
    private volatile RuntimeException bindFailure;
    /** The bound sockets; null before bind and after shutdown. */
    private volatile ServerEndpoint endpoint;
    private ExecutorService workers;

    RpcServer(RpcServerBuilder b) {
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
        this.localExporter = b.localExporter;
        this.handler = new RequestHandler(this);
        this.loop = new ServerLoop(this.name, handler);
        this.leases = new ServerLeases(this, b.leaseMillis > 0 ? b.leaseMillis : ServerLeases.defaultLeaseMillis(),
                b.idleExpiryMillis >= 0 ? b.idleExpiryMillis : ServerLeases.defaultIdleMillis());
    }

    public static RpcServerBuilder builder() {
        return new RpcServerBuilder();
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
        try {
            ServerRegistry.checkThreadIsFree(this);
        } catch (IllegalStateException e) {
            owner = null;
            throw e;
        }
        try {
            endpoint = ServerEndpoint.bind(bindAddress, security, maxMessageBytes, allowInsecureRemote);
            address = endpoint.address();
            bindLocal();
            loop.attach(endpoint);
            if (workerCount > 0) {
                AtomicInteger n = new AtomicInteger();
                workers = Executors.newFixedThreadPool(workerCount, r -> {
                    Thread w = new Thread(r, "pyacq-worker-" + name + "-" + n.incrementAndGet());
                    w.setDaemon(true);
                    return w;
                });
            }
            ServerRegistry.register(this, address);
            namespace.put("self", this);
            log.debug("RPC server {} bound at {}", name, address);
            return this;
        } catch (RuntimeException e) {
            loop.detach();
            if (endpoint != null) {
                endpoint.close();   // what was bound before the failure
                endpoint = null;
            }
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
            endpoint.openLocal(localDirectory, maxMessageBytes, handler::forget);
            log.debug("RPC server {} also serves same-host clients at {}", name, endpoint.localFile().orElseThrow());
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
            loop.run(() -> closing);
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
        loop.post(() -> beginClose(null));
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
        if (endpoint == null) {
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
            loop.runTasks();
        }
        timers.forEach(RpcTimer::stop);
        ServerRegistry.unregister(this, address);
        namespace.clear();
        references.clear();
        ServerEndpoint e = loop.detach();
        endpoint = null;
        e.close();
        log.debug("RPC server {} at {} closed", name, address);
        closedLatch.countDown();
    }

    // ---- serving -------------------------------------------------------------------------

    /** The owner thread's event loop (package: for channels and futures waiting on it). */
    ServerLoop loop() {
        return loop;
    }

    /** True from the moment closing starts. */
    boolean isClosing() {
        return closing;
    }

    /** Open same-host connections (0 without a local endpoint). */
    public int localConnectionCount() {
        ServerEndpoint e = endpoint;
        return e == null ? 0 : e.localConnectionCount();
    }

    /** The socket file of the same-host endpoint, if the server has one. */
    public Optional<java.nio.file.Path> localEndpoint() {
        ServerEndpoint e = endpoint;
        return e == null ? Optional.empty() : e.localFile();
    }

    /** True for the process's callback server ({@link #local()}). */
    boolean isLocalExporter() {
        return localExporter;
    }

    ExecutorService workers() {
        return workers;
    }

    // ---- timers --------------------------------------------------------------------------

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
        return Optional.ofNullable(ServerRegistry.current());
    }

    /** Close at JVM exit: tell clients, but do not wait long for a busy thread. */
    void closeForExit() {
        Thread t = owner;
        if (t == null || Thread.currentThread() == t) {
            close();
            return;
        }
        loop.post(() -> beginClose(null));
        awaitClosed(Duration.ofSeconds(2));
    }

    /**
     * This process's server for objects passed by reference (callbacks): the calling thread's own
     * server if it is a server thread, else a shared daemon server started on first use.
     */
    public static RpcServer local() {
        return ServerRegistry.local();
    }
}

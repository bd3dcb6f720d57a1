package org.pyacq.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.rpc.RpcServer;
import org.pyacq.transport.KeyFileException;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.UserKeys;
import org.pyacq.spawn.ProcessSpawner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running pyacqd: the lock and runtime file in its runtime directory, the log hub, the
 * supervisor of its children and the RPC server that publishes {@link DaemonControl} as
 * {@code daemon}.
 *
 * <pre>{@code
 * try (Daemon d = Daemon.start(DaemonConfig.load(Path.of("conf/pyacqd.conf"), Map.of()))) {
 *     d.awaitShutdown(Duration.ofDays(365));
 * }
 * }</pre>
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final DaemonConfig config;
    private final DaemonLock lock;
    private final LogHub logs;
    private final Supervisor supervisor;
    private final RpcServer server;
    /** Calls into the children made for clients (the command line); closed with the daemon. */
    private final ProcessCalls calls;
    private final TransportSecurity previousSecurity;
    private final CompletableFuture<String> shutdownRequested = new CompletableFuture<>();
    private volatile boolean closed;

    private Daemon(DaemonConfig config, DaemonLock lock, LogHub logs, Supervisor supervisor, RpcServer server,
            TransportSecurity previousSecurity) {
        this.config = config;
        this.lock = lock;
        this.logs = logs;
        this.supervisor = supervisor;
        this.server = server;
        this.previousSecurity = previousSecurity;
        this.calls = new ProcessCalls(supervisor);
    }

    /**
     * Starts a daemon: takes the runtime directory's lock, starts logging, the control server
     * and the declared children, and writes the runtime file.
     *
     * @throws DaemonException if another daemon runs for that directory or something cannot start
     */
    public static Daemon start(DaemonConfig config) {
        Path dir;
        DaemonLock lock;
        try {
            dir = RuntimeDirectory.prepare(config.runtimeDir());
            lock = DaemonLock.tryAcquire(dir);
        } catch (IOException e) {
            throw new DaemonException("cannot use runtime directory " + config.runtimeDir() + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new DaemonException(alreadyRunning(dir));
        }
        LogHub logs = null;
        Supervisor supervisor = null;
        RpcServer server = null;
        TransportSecurity previousSecurity = DefaultSecurity.peek();
        try {
            TransportSecurity security = applySecurity(config);
            removeStale(dir);
            if (ProcessIdentity.processName().startsWith("process-")) {
                ProcessIdentity.setProcessName("pyacqd");
            }
            logs = DaemonLogHub.start(config);
            supervisor = new Supervisor(config, logs.logAddress());
            server = RpcServer.builder().address(config.address()).name("pyacqd").workers(4)
                    .allowInsecureRemote(config.allowInsecureRemote()).leaseTime(config.leaseTime())
                    .idleExpiry(config.idleExpiry()).build().start();
            Daemon d = new Daemon(config, lock, logs, supervisor, server, previousSecurity);
            server.publish("daemon", new DaemonControl(d, supervisor, logs, d.calls));
            new RuntimeFile(ProcessHandle.current().pid(), server.address(), logs.logAddress(), logs.feedAddress(),
                    System.currentTimeMillis(), version(), RuntimeFile.securityFields(security)).write(dir);
            log.info("pyacqd {} (pid {}) serving at {}; runtime directory {}; sockets {}", version(),
                    ProcessHandle.current().pid(), server.address(), dir, security);
            if (security.isPlain()) {
                log.warn("insecure mode: the daemon and its children accept connections without authentication;"
                        + " every user who can reach {} can run code as this user", server.address());
            }
            d.startDeclaredChildren();
            return d;
        } catch (RuntimeException | IOException e) {
            if (supervisor != null) {
                supervisor.close();
            }
            if (server != null) {
                server.close();
            }
            if (logs != null) {
                logs.close();
            }
            RuntimeFile.delete(dir);
            lock.close();
            DefaultSecurity.restore(previousSecurity);
            throw e instanceof DaemonException de ? de
                    : new DaemonException("the daemon could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Sets the process's socket security from the configuration: plain sockets if {@code insecure},
     * else CURVE with this user's key (created on first start).
     */
    private static TransportSecurity applySecurity(DaemonConfig config) {
        if (config.insecure()) {
            DefaultSecurity.useInsecure(config.allowInsecureRemote());
        } else if (DefaultSecurity.peek() == null || DefaultSecurity.peek().isPlain()) {
            try {
                DefaultSecurity.useKeyDirectory(UserKeys.defaultDirectory());
            } catch (KeyFileException e) {
                throw new DaemonException("the daemon needs this user's key: " + e.getMessage(), e);
            }
        }
        return DefaultSecurity.get();
    }

    private static String alreadyRunning(Path dir) {
        String who = "";
        try {
            Optional<RuntimeFile> f = RuntimeFile.read(dir);
            if (f.isPresent()) {
                who = " (pid " + f.get().pid() + " at " + f.get().address() + ")";
            }
        } catch (IOException e) {
            // the lock alone is enough to refuse
        }
        return "a daemon is already running for " + dir + who + "; stop it with 'pyacq shutdown' or give this one "
                + "another runtime directory (--runtime-dir)";
    }

    private static void removeStale(Path dir) {
        try {
            Optional<RuntimeFile> f = RuntimeFile.read(dir);
            if (f.isPresent()) {
                log.warn("removing the runtime file of a daemon that is gone (pid {}, {})", f.get().pid(),
                        f.get().processAlive() ? "pid reused by another process" : "not running");
                RuntimeFile.delete(dir);
            }
        } catch (IOException e) {
            log.warn("replacing an unreadable runtime file: {}", e.getMessage());
            RuntimeFile.delete(dir);
        }
    }

    private void startDeclaredChildren() {
        for (ChildSpec spec : config.children()) {
            try {
                supervisor.spawn(spec);
            } catch (RuntimeException e) {
                log.error("declared process '{}' did not start: {}", spec.name(), e.getMessage());
            }
        }
    }

    /** The control server's address. */
    public String address() {
        return server.address();
    }

    public DaemonConfig config() {
        return config;
    }

    /** Asks the daemon to stop; {@link #awaitShutdown} returns. Safe from any thread. */
    public void requestShutdown(String reason) {
        shutdownRequested.complete(reason);
    }

    /** Waits until shutdown is requested; returns the reason, or empty if the time ran out. */
    public Optional<String> awaitShutdown(Duration timeout) {
        try {
            return Optional.of(shutdownRequested.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        }
    }

    /** Stops the children (gracefully, then by force), the server and logging; removes the runtime file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("pyacqd shutting down: stopping {} process(es)", supervisor.all().size());
        calls.close();
        supervisor.close();
        ProcessSpawner.discardSpares();
        server.close();
        logs.close();
        RuntimeFile.delete(config.runtimeDir());
        lock.close();
        DefaultSecurity.restore(previousSecurity);
    }

    /** This build's version (from the jar manifest), or "dev". */
    public static String version() {
        String v = Daemon.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** The daemon server's reference table and leases, as plain data (docs/LIFETIME.md). */
    Map<String, Object> statistics() {
        return server.statisticsMap();
    }
}

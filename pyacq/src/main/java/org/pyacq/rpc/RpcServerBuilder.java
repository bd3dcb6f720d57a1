package org.pyacq.rpc;

import java.time.Duration;
import java.util.Objects;
import org.pyacq.rpc.invoke.AccessPolicy;
import org.pyacq.rpc.invoke.InvokerOptions;
import org.pyacq.transport.Endpoints;
import org.pyacq.transport.InsecureBindException;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.Sockets;
import org.pyacq.transport.TransportSecurity;

/** Builds an {@link RpcServer}; nothing is bound until {@link RpcServer#start()} or {@link RpcServer#bind()}. */
public final class RpcServerBuilder {
    String address = "tcp://127.0.0.1:*";
    String name;
    TransportSecurity security;
    boolean allowInsecureRemote;
    long maxMessageBytes = Sockets.DEFAULT_MAX_MESSAGE_BYTES;
    int workers;
    boolean daemon;
    InvokerOptions invokerOptions;
    AccessPolicy accessPolicy;
    long leaseMillis;
    long idleExpiryMillis = -1;
    boolean localEndpoint = !"false".equalsIgnoreCase(System.getProperty("pyacq.local", "true"));
    LocalDirectory localDirectory;
    boolean localExporter;

    RpcServerBuilder() {
    }

    /**
     * How long a Java client's lease lasts without renewal (docs/LIFETIME.md); when it ends, the
     * server drops every reference that client held. Default {@code -Dpyacq.lease.seconds},
     * else 5 minutes. Our clients renew every third of it.
     */
    public RpcServerBuilder leaseTime(Duration leaseTime) {
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
    public RpcServerBuilder idleExpiry(Duration idle) {
        this.idleExpiryMillis = idle == null || idle.isZero() ? 0 : Math.max(1, idle.toMillis());
        return this;
    }

    /**
     * Whether the server also listens on a same-host endpoint (a Unix socket only this user can
     * use, checked by the kernel), which Java clients on this host take instead of ZeroMQ.
     * Default on; the system property {@code pyacq.local=false} turns it off for the process.
     */
    public RpcServerBuilder localEndpoint(boolean enabled) {
        this.localEndpoint = enabled;
        return this;
    }

    /** Where the same-host endpoint goes; default {@link LocalDirectory#defaultLocation()}. */
    public RpcServerBuilder localDirectory(LocalDirectory directory) {
        this.localDirectory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Where to bind; default {@code tcp://127.0.0.1:*} (a free port on loopback). */
    public RpcServerBuilder address(String address) {
        Endpoints.validate(address);
        this.address = address;
        return this;
    }

    /** A name for logs and the thread, e.g. the process name. */
    public RpcServerBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** How the socket authenticates; default {@link DefaultSecurity#get()} at {@link #build()}. */
    public RpcServerBuilder security(TransportSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
        return this;
    }

    /**
     * Lets a plain (unauthenticated) server bind an address other machines can reach. Without it
     * (the default) {@link #build()} refuses: anyone who reaches such a server can run code as
     * this user. Only for trusted networks.
     */
    public RpcServerBuilder allowInsecureRemote(boolean allow) {
        this.allowInsecureRemote = allow;
        return this;
    }

    /**
     * The largest request accepted, in bytes; default {@link Sockets#DEFAULT_MAX_MESSAGE_BYTES}
     * (512 MiB). A client that sends a bigger one is disconnected before anything is allocated.
     */
    public RpcServerBuilder maxMessageBytes(long maxMessageBytes) {
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
    public RpcServerBuilder workers(int n) {
        if (n < 0 || n > 1024) {
            throw new IllegalArgumentException("workers must be between 0 and 1024, got " + n);
        }
        this.workers = n;
        return this;
    }

    /** Whether the thread started by {@link RpcServer#start()} is a daemon thread (default false). */
    public RpcServerBuilder daemon(boolean daemon) {
        this.daemon = daemon;
        return this;
    }

    /** Marks the process's shared callback server ({@link RpcServer#local()}). */
    RpcServerBuilder localExporter() {
        this.localExporter = true;
        return this;
    }

    /** Class loader, access policy and the like for reflective calls. */
    public RpcServerBuilder invokerOptions(InvokerOptions options) {
        this.invokerOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Limits the classes and members remote callers may import or reach (checked on every import,
     * attribute walk and constructor call), e.g.
     * {@code PackageAccessPolicy.builder().allow("com.example.services").build()}. Replaces the
     * policy of {@link #invokerOptions}. Default: everything is allowed.
     */
    public RpcServerBuilder accessPolicy(AccessPolicy policy) {
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

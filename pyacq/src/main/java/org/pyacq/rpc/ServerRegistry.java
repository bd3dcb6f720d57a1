package org.pyacq.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RPC servers of this process: which server the calling thread runs, which one is bound at an
 * address, and the process's callback server ({@link RpcServer#local()}). The first server to
 * register installs the process's shutdown hook ({@link ProcessShutdown}).
 */
final class ServerRegistry {
    private static final ThreadLocal<RpcServer> CURRENT = new ThreadLocal<>();
    private static final Map<String, RpcServer> BY_ADDRESS = new ConcurrentHashMap<>();
    private static final Object LOCAL_LOCK = new Object();
    private static RpcServer localServer;

    private ServerRegistry() {
    }

    /**
     * Checks that the calling thread may bind {@code server}.
     *
     * @throws IllegalStateException if the thread already runs a server (one per thread)
     */
    static void checkThreadIsFree(RpcServer server) {
        RpcServer running = CURRENT.get();
        if (running != null) {
            throw new IllegalStateException("thread " + Thread.currentThread().getName() + " already runs server "
                    + running.name() + "; one server per thread, so " + server.name() + " cannot bind here");
        }
    }

    /** Records that the calling thread runs {@code server}, bound at {@code address}. */
    static void register(RpcServer server, String address) {
        ProcessShutdown.install();
        CURRENT.set(server);
        BY_ADDRESS.put(address, server);
    }

    /** Forgets {@code server}; called on its own thread as it shuts down. */
    static void unregister(RpcServer server, String address) {
        BY_ADDRESS.remove(address, server);
        if (CURRENT.get() == server) {
            CURRENT.remove();
        }
    }

    /** The server whose thread is the calling thread, or null. */
    static RpcServer current() {
        return CURRENT.get();
    }

    /** The servers of this process that are bound and not yet shut down. */
    static List<RpcServer> running() {
        return new ArrayList<>(BY_ADDRESS.values());
    }

    /** A running server of this process bound at {@code address}, or null. */
    static RpcServer byAddress(String address) {
        return BY_ADDRESS.get(address);
    }

    /** The calling thread's server if it runs one, else the shared callback server, started on first use. */
    static RpcServer local() {
        RpcServer own = CURRENT.get();
        if (own != null) {
            return own;
        }
        synchronized (LOCAL_LOCK) {
            if (localServer == null || localServer.isClosing()) {
                localServer = RpcServer.builder().name("local").daemon(true).localExporter().build().start();
            }
            return localServer;
        }
    }
}

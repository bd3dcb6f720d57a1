package org.pyacq.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZAuth;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The process's one ZeroMQ context (a process really has one of these: each context owns I/O
 * threads), and the ZAP handler that authenticates CURVE clients of the servers bound in it.
 * Created on first use; its I/O threads are daemon threads. Sockets are created from it by the
 * thread that will own them, and closed by that owner.
 *
 * <p>The ZAP handler ({@link ZAuth}) starts with the first CURVE server socket. It must live on this
 * context (a CURVE server without a handler on its own context accepts every client), and its
 * thread is made a daemon thread so that it never keeps a JVM alive.
 */
public final class ZmqRuntime {
    private static final Object LOCK = new Object();
    /** A bound on the ZAP handler's start (a thread and two inproc sockets: milliseconds). */
    private static final long START_TIMEOUT_SECONDS = 30;
    private static ZContext context;
    private static ZAuth zapHandler;
    private static CurveAuthenticator authenticator;
    private static boolean authenticationClosed;

    private ZmqRuntime() {
    }

    /** The shared context, created on first use. */
    public static ZContext context() {
        synchronized (LOCK) {
            if (context == null || context.isClosed()) {
                context = new ZContext(1);
                context.setLinger(0);
                zapHandler = null;
                authenticator = null;
            }
            return context;
        }
    }

    /**
     * The authenticator of CURVE server sockets, started on first use. Call before the socket binds.
     *
     * @throws IllegalArgumentException if {@code socket} was not created from {@link #context()}
     * @throws TransportException if the process is exiting and authentication has been shut down
     */
    static CurveAuthenticator authenticator(ZMQ.Socket socket) {
        synchronized (LOCK) {
            ZContext ctx = context();
            if (!ctx.getSockets().contains(socket)) {
                throw new IllegalArgumentException("a CURVE server socket must be created from ZmqRuntime.context(),"
                        + " where the authenticator runs; on another context it would accept every client");
            }
            if (authenticationClosed) {
                throw new TransportException("the process is exiting: authentication is shut down, so no secure "
                        + "server socket can be opened");
            }
            if (zapHandler == null) {
                CurveAuthenticator auth = new CurveAuthenticator();
                zapHandler = startDaemonZapHandler(ctx, auth);
                authenticator = auth;
            }
            return authenticator;
        }
    }

    /** Connections refused by the authenticator so far (0 if it never started). */
    public static long refusedConnections() {
        synchronized (LOCK) {
            return authenticator == null ? 0 : authenticator.refusedCount();
        }
    }

    /**
     * Stops the ZAP handler at process exit, once no CURVE server socket is open any more (closing it
     * earlier would let such a socket accept every client). Afterwards no CURVE server can start.
     * Returns true if it was stopped (or never ran).
     */
    public static boolean closeAuthenticationForExit() {
        synchronized (LOCK) {
            if (zapHandler == null) {
                authenticationClosed = true;
                return true;
            }
            for (ZMQ.Socket s : context.getSockets()) {
                if (isCurveServer(s)) {
                    return false;   // still serving: the handler is a daemon thread and dies with the JVM
                }
            }
            authenticationClosed = true;
            zapHandler.close();
            zapHandler = null;
            return true;
        }
    }

    /**
     * At process exit, once every socket of the shared context is closed (and the ZAP handler with
     * them), ends the context and its I/O threads, waiting at most {@code timeoutMillis}. A JVM that
     * exits while a thread sits in a blocking system call (as these I/O threads do, in epoll) waits
     * 300 ms more for it (HotSpot's VM_Exit); a stopped child took that much longer to end. Does
     * nothing while a socket is still open: closing it here would pull it from under its owner.
     * Returns true if the context is ended (or never existed).
     */
    public static boolean endForExit(long timeoutMillis) {
        ZContext ending;
        synchronized (LOCK) {
            if (context == null || context.isClosed()) {
                return true;
            }
            if (!context.getSockets().isEmpty() || zapHandler != null) {
                return false;
            }
            ending = context;
        }
        Thread closer = new Thread(ending::close, "pyacq-zmq-exit");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closer.isAlive();
    }

    private static boolean isCurveServer(ZMQ.Socket s) {
        try {
            return s.getCurveServer();
        } catch (RuntimeException e) {
            return false;   // closed meanwhile
        }
    }

    /**
     * ZAuth's thread inherits the daemon status of the thread that creates it (ZThread.fork), and a
     * non-daemon handler would keep the JVM alive after main returns: create it from a daemon thread.
     */
    private static ZAuth startDaemonZapHandler(ZContext ctx, CurveAuthenticator auth) {
        Map<String, ZAuth.Auth> mechanisms = new HashMap<>();
        mechanisms.put("CURVE", auth);
        // the handler stops on a mechanism it has no entry for, so every one needs an answer
        mechanisms.put("NULL", new ZAuth.SimpleNullAuth());
        mechanisms.put("PLAIN", new RefuseAll());
        ZAuth[] created = new ZAuth[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread starter = new Thread(() -> {
            try {
                created[0] = new ZAuth(ctx, "pyacq-zap", mechanisms);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        }, "pyacq-zap-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while starting the authenticator", e);
        }
        if (starter.isAlive()) {
            throw new TransportException("the authenticator (ZAP handler) did not start within " + START_TIMEOUT_SECONDS
                    + " s, so no secure server socket can be opened");
        }
        if (failure[0] != null) {
            throw new TransportException("cannot start the authenticator: " + failure[0].getMessage(), failure[0]);
        }
        return created[0];
    }

    /** ZeroMQ's PLAIN mechanism (user name and password in clear text) is not used by pyacq. */
    private static final class RefuseAll implements ZAuth.Auth {
        @Override
        public boolean configure(org.zeromq.ZMsg msg, boolean verbose) {
            return true;
        }

        @Override
        public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
            return false;
        }
    }
}

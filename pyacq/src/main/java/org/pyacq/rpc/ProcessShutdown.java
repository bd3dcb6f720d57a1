package org.pyacq.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pyacq.transport.ZmqRuntime;

/**
 * At JVM exit, closes this process's servers (so their clients get the disconnect notice, as
 * pyacq does at exit), then its shared clients, then the authenticator of secure sockets (after
 * the sockets: a secure server without it would accept anyone).
 */
final class ProcessShutdown {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    /** How long the end of the ZeroMQ context may take at exit (it takes milliseconds when nothing is open). */
    private static final long EXIT_WAIT_MILLIS = 250;

    private ProcessShutdown() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Thread hook = new Thread(ProcessShutdown::run, "pyacq-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    private static void run() {
        List<RpcServer> servers = ServerRegistry.running();
        for (RpcServer s : servers) {
            try {
                s.closeForExit();
            } catch (RuntimeException e) {
                // exiting anyway
            }
        }
        for (RpcClient c : new ArrayList<>(RpcClient.registered())) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // exiting anyway
            }
        }
        try {
            if (ZmqRuntime.closeAuthenticationForExit()) {
                ZmqRuntime.endForExit(EXIT_WAIT_MILLIS);   // no thread left in epoll: the JVM ends at once
            }
        } catch (RuntimeException e) {
            // exiting anyway; its threads are daemon threads
        }
    }
}

package org.pyacq.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At JVM exit, closes this process's servers (so their clients get the disconnect notice, as
 * pyacq does at exit) and then its shared clients.
 */
final class ProcessShutdown {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private ProcessShutdown() {
    }

    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Thread hook = new Thread(ProcessShutdown::run, "pyacq-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    private static void run() {
        List<RpcServer> servers = RpcServer.running();
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
    }
}

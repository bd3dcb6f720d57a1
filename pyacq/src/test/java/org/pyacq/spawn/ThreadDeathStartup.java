package org.pyacq.spawn;

import org.pyacq.rpc.RpcServer;

/** Starts a thread that dies of an uncaught exception, and writes to stdout and stderr. */
public final class ThreadDeathStartup {
    private ThreadDeathStartup() {
    }

    public static void onStart(RpcServer server) {
        System.out.println("a line on stdout");
        System.err.println("a line on stderr");
        org.slf4j.LoggerFactory.getLogger("child.logic").info("a record from the child's logger");
        Thread t = new Thread(() -> {
            throw new IllegalStateException("this thread died on purpose");
        }, "doomed-worker");
        t.start();
    }
}

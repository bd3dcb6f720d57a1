package org.pyacq.transport;

import org.zeromq.ZContext;

/**
 * The process's one ZeroMQ context (a process really has one of these: each context owns I/O
 * threads). Created on first use; its I/O threads are daemon threads. Sockets are created from it
 * by the thread that will own them, and closed by that owner.
 */
public final class ZmqRuntime {
    private static final Object LOCK = new Object();
    private static ZContext context;

    private ZmqRuntime() {
    }

    /** The shared context, created on first use. */
    public static ZContext context() {
        synchronized (LOCK) {
            if (context == null || context.isClosed()) {
                context = new ZContext(1);
                context.setLinger(0);
            }
            return context;
        }
    }
}

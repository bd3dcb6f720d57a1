package org.pyacq.security;

import org.pyacq.rpc.RpcServer;

/** Startup class of the fuzzed child: publishes the service as {@code svc}. */
public final class FuzzTarget {
    private FuzzTarget() {
    }

    public static void onStart(RpcServer server) {
        server.publish("svc", new FuzzService());
    }
}

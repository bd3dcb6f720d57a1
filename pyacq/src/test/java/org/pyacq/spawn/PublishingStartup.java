package org.pyacq.spawn;

import org.pyacq.rpc.RpcServer;

/** A startup class that publishes an object and writes to stdout and stderr. */
public final class PublishingStartup {
    private PublishingStartup() {
    }

    public static void onStart(RpcServer server) {
        server.publish("greeting", "hello from " + server.name());
        System.out.println("started on stdout");
        System.err.println("started on stderr");
    }
}

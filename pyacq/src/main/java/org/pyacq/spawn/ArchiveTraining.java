package org.pyacq.spawn;

import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcServer;

/**
 * A short run that loads the classes a child loads (server, client, serializers, logging), so
 * that a class-data sharing archive dumped at its exit covers them. Not for direct use.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        org.pyacq.log.LogSetup.configureChild(null, 30, "training");
        try (RpcServer server = RpcServer.builder().name("training").build().start();
             RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            client.ping();
            ObjectProxy list = (ObjectProxy) client.importModule("java.util.ArrayList").call();
            list.invoke("add", 1);
            list.invokeAsync("size").result();
            client.set("x", new double[] {1, 2});
            client.get("x");
        }
        System.exit(0);
    }
}

package org.pyacq.rpc;

import java.io.IOException;

/**
 * A server JVM for the same-host path tests: serves a {@link TestService} as "svc" and a
 * {@link PingPong} as "pp" with default settings, prints its address on stdout, and serves until
 * its stdin closes. With the argument {@code client ADDRESS MIB}, it is instead a client that
 * prints "sending" and echoes MIB MiB through the test JVM's server until it is killed.
 */
public final class LocalServerMain {
    private LocalServerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("client")) {
            RpcClient client = RpcClient.open(args[1], ClientOptions.defaults());
            ObjectProxy svc = (ObjectProxy) client.get("svc");
            System.out.println("path " + client.currentPath().map(p -> p.wireName()).orElse("?"));
            System.out.flush();
            double[] big = new double[Integer.parseInt(args[2]) << 17];
            System.out.println("sending");
            System.out.flush();
            while (true) {   // until the test kills this JVM, mostly in the middle of a transfer
                svc.invoke("echoArray", (Object) big);
            }
        }
        try (RpcServer server = RpcServer.builder().name("local-test").build().start()) {
            server.publish("svc", new TestService("remote"));
            server.publish("pp", new PingPong());
            System.out.println(server.address());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the test closes our stdin
            }
        }
    }
}

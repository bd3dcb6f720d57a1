package org.pyacq.rpc;

/**
 * A program that serves over CURVE (so the ZAP handler runs), is called once, closes its server and
 * returns from main: its JVM must then exit by itself. Prints the ZAP handler thread it saw.
 */
public final class ExitingServerMain {
    private ExitingServerMain() {
    }

    public static void main(String[] args) {
        RpcServer server = RpcServer.builder().name("exit-check").build().start();
        try (RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            client.ping();
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("pyacq-zap")) {
                System.out.println("zap handler thread: daemon=" + t.isDaemon());
            }
        }
        server.close();
        System.out.println("main returns");
    }
}

package org.pyacq.daemon;

import org.pyacq.rpc.RpcServer;

/** Publishes an object whose method makes the process exit with a given code (a crash on demand). */
public final class CrashingStartup {
    private CrashingStartup() {
    }

    public static void onStart(RpcServer server) {
        server.publish("crasher", new Crasher());
        System.out.println("child ready on stdout");
    }

    /** Exits the JVM from another thread so that the calling request need not answer. */
    public static final class Crasher {
        public void exit(int code) {
            new Thread(() -> Runtime.getRuntime().halt(code)).start();
        }

        public void log(String message) {
            org.slf4j.LoggerFactory.getLogger("crasher").warn(message);
        }
    }
}

package org.pyacq.spawn;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A startup class that never finishes starting (within a minute). */
public final class HangingStartup {
    private HangingStartup() {
    }

    public static void onStart(org.pyacq.rpc.RpcServer server) throws InterruptedException {
        new CountDownLatch(1).await(60, TimeUnit.SECONDS);
    }
}

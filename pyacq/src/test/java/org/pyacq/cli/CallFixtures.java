package org.pyacq.cli;

import org.pyacq.rpc.RpcServer;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

/** A startup class for 'pyacq call' tests: publishes an object whose methods return arrays, and a text value. */
public final class CallFixtures {
    public static void onStart(RpcServer server) {
        server.publish("fixtures", new CallFixtures());
        server.publish("greeting", "hello");
    }

    public double[] doubles() {
        return new double[] {1.0, 2.0, 3.0};
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    public NdArray matrix() {
        return NdArray.wrap(DType.UINT16, new short[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    public int add(int a, int b) {
        return a + b;
    }

    /**
     * Waits (at most 120 s) until the file {@code path} exists, then returns a new list: a call that takes as
     * long as a test wants. A process serves its calls one at a time, so the test cannot open a gate in this
     * process while the call waits; it creates the file instead, and sees the wait begin in the logs.
     */
    public java.util.List<Object> blockUntilExists(String path) throws InterruptedException {
        java.nio.file.Path file = java.nio.file.Path.of(path);
        org.slf4j.LoggerFactory.getLogger(CallFixtures.class).info("waiting for {}", file);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!java.nio.file.Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(10);   // polling a file another process creates: there is nothing to await
        }
        return new java.util.ArrayList<>();
    }
}

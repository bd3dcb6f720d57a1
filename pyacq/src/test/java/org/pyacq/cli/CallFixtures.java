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
}

package org.pyacq.bench;

/**
 * The object the server JVM serves, both to our RPC (published as {@link BenchServer#TARGET})
 * and to RMI, so the server-side work is the same on every transport.
 */
public final class BenchService implements RmiBench {
    @Override
    public String ping() {
        return "pong";
    }

    @Override
    public int add(int a, int b) {
        return a + b;
    }

    @Override
    public double[] echo(double[] data) {
        return data;
    }
}

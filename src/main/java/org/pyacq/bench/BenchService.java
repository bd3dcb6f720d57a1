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

    @Override
    public short[] echoImage(short[] pixels) {
        return pixels;
    }

    /** Our RPC's image echo: a uint16 {@code NdArray} (numpy's shape and dtype for a Python peer). */
    public org.pyacq.wire.NdArray echoFrame(org.pyacq.wire.NdArray image) {
        return image;
    }
}

package org.pyacq.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The echo payload, and the check that what came back is what went out. */
final class Payloads {
    private Payloads() {
    }

    /** Pixels of a 640x480 image. */
    static final int IMAGE_PIXELS = 640 * 480;

    /** A 640x480 16-bit image with distinct neighbouring values. */
    static short[] image() {
        short[] p = new short[IMAGE_PIXELS];
        for (int i = 0; i < p.length; i++) {
            p[i] = (short) (i * 7);
        }
        return p;
    }

    /** Checks a returned image against what was sent (a few positions: the full compare would be timed too). */
    static void checkImage(short[] sent, short[] returned, Transport transport) {
        if (returned == null || returned.length != sent.length || returned[0] != sent[0]
                || returned[sent.length / 2] != sent[sent.length / 2] || returned[sent.length - 1] != sent[sent.length - 1]) {
            throw new BenchException("image echo over " + transport.key() + " came back altered");
        }
    }

    /** A {@code double[]} with distinct values, so a shifted or truncated echo is noticed. */
    static double[] doubles(int length) {
        double[] d = new double[length];
        for (int i = 0; i < length; i++) {
            d[i] = i * 0.5;
        }
        return d;
    }

    /** The same values as {@link #doubles} in a direct buffer, little-endian as numpy sends them. */
    static ByteBuffer directDoubles(int length) {
        ByteBuffer b = ByteBuffer.allocateDirect(length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(doubles(length));
        return b;
    }

    /** Checks a returned {@code double[]} at its ends and middle (a full compare would be timed too). */
    static void checkEcho(double[] sent, Object returned, Transport transport) {
        if (!(returned instanceof double[] r) || r.length != sent.length) {
            throw new BenchException("echo over " + transport.key() + " returned " + describe(returned)
                    + " for a double[" + sent.length + "]");
        }
        int n = r.length;
        for (int i : new int[] {0, n / 2, n - 1}) {
            if (Double.compare(r[i], sent[i]) != 0) {
                throw new BenchException("echo over " + transport.key() + ": element " + i + " came back as " + r[i]
                        + " instead of " + sent[i]);
            }
        }
    }

    private static String describe(Object o) {
        if (o instanceof double[] d) {
            return "a double[" + d.length + "]";
        }
        return o == null ? "null" : "a " + o.getClass().getName();
    }
}

package org.pyacq.wire;

import java.nio.ByteBuffer;

/** Byte-level helpers for reading frames without making strings. */
final class FrameBytes {
    private FrameBytes() {
    }

    /** True if the frame's remaining bytes are exactly {@code expected}. */
    static boolean equal(ByteBuffer frame, byte[] expected) {
        int n = frame.remaining();
        if (n != expected.length) {
            return false;
        }
        int p = frame.position();
        for (int i = 0; i < n; i++) {
            if (frame.get(p + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The frame's ASCII decimal integer (optionally negative), or null if it is not one. */
    static Long decimal(ByteBuffer frame) {
        int n = frame.remaining();
        if (n == 0 || n > 20) {
            return null;
        }
        int p = frame.position();
        boolean negative = frame.get(p) == '-';
        int i = negative ? 1 : 0;
        if (i == n) {
            return null;
        }
        long v = 0;
        for (; i < n; i++) {
            int d = frame.get(p + i) - '0';
            if (d < 0 || d > 9 || v > (Long.MAX_VALUE - d) / 10) {
                return null;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}

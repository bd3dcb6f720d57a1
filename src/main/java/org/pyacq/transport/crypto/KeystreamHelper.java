package org.pyacq.transport.crypto;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies the XSalsa20 keystream to the tail of a large message on another thread while the caller
 * works on the head and on Poly1305, which cannot be split. Salsa20 can start at any block, so the
 * helper keys its own stream with the same key and nonce and seeks to where its part begins.
 *
 * <p>The threads are daemons, created when a large message needs one and ended after 30 s idle
 * (one process-wide pool: the only one of its kind). With a single processor nothing is split.
 */
final class KeystreamHelper {
    /** Messages of at least this many bytes are split; below it a hand-off costs more than it saves. */
    static final int MIN_SPLIT_BYTES = 1 << 20;
    static final boolean ENABLED = Runtime.getRuntime().availableProcessors() > 1;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "pyacq-curve-keystream-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private KeystreamHelper() {
    }

    /**
     * Where to split {@code [ZERO_BYTES, len)} so that the helper takes about {@code helperShare} of
     * it, at a 64-byte block boundary; {@code len} (no split) for short messages.
     */
    static int splitPoint(int len, double helperShare) {
        if (!ENABLED || len < MIN_SPLIT_BYTES) {
            return len;
        }
        int head = (int) ((len - SecretBox.ZERO_BYTES) * (1 - helperShare));
        return (SecretBox.ZERO_BYTES + head) & ~63;
    }

    /** Starts {@code out[from..to) = in[from..to) XOR} the keystream of key and nonce at position {@code from}. */
    static Future<?> xorAsync(byte[] in, byte[] out, int from, int to, byte[] nonce, byte[] key) {
        byte[] k = key.clone();
        byte[] n = nonce.clone();
        return POOL.submit(() -> {
            XSalsa20Keystream stream = SecretBox.forThisThread().stream;
            try {
                stream.rekey(k, n);
                stream.seekBlock(from);
                stream.xor(in, from, out, from, to - from);
            } finally {
                stream.wipe();
                java.util.Arrays.fill(k, (byte) 0);
            }
        });
    }

    /**
     * Waits for a part started by {@link #xorAsync}, even if interrupted (it writes into the
     * caller's array, so the call must not return before it), keeping the interrupt status.
     */
    static void await(Future<?> part) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    part.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("keystream helper failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.pyacq.transport.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;

/**
 * XSalsa20 as Bouncy Castle computes it, applied eight bytes at a time. Bouncy Castle's
 * {@link XSalsa20Engine} derives the subkey (HSalsa20) and lays out the Salsa20 state, and its
 * {@code salsaCore} computes each 64-byte block; this subclass only replaces the byte-at-a-time
 * loop of {@code processBytes} with a word-at-a-time one over the caller's arrays, and exposes
 * the HSalsa20 subkey for NaCl's {@code crypto_box_beforenm}. Not thread-safe: one per thread.
 */
final class XSalsa20Keystream extends XSalsa20Engine {
    static final int NONCE_BYTES = 24;
    private static final int BLOCK = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] ZERO_NONCE = new byte[NONCE_BYTES];

    /** The current keystream block, as the sixteen little-endian words Salsa20 produces. */
    private final int[] block = new int[16];
    /** Bytes of {@link #block} already used; {@link #BLOCK} when the next byte starts a new block. */
    private int used = BLOCK;

    /** Keys the stream with a 32-byte key and the first 24 bytes of {@code nonce}, at position 0. */
    void rekey(byte[] key, byte[] nonce) {
        setKey(key, nonce); // Bouncy Castle: HSalsa20(key, nonce[0..16]) and nonce[16..24] into the state
        resetCounter();
        used = BLOCK;
    }

    /**
     * HSalsa20 of {@code key} and 16 zero bytes into {@code out[0..32)}: the key NaCl derives from
     * a Curve25519 shared secret. Leaves the stream unkeyed for encryption (call {@link #rekey}).
     */
    void hsalsa20ZeroInput(byte[] key, byte[] out) {
        setKey(key, ZERO_NONCE);
        // the subkey Bouncy Castle placed where Salsa20 keeps its key: words 1-4 and 11-14
        for (int i = 0; i < 4; i++) {
            INTS.set(out, 4 * i, engineState[1 + i]);
            INTS.set(out, 16 + 4 * i, engineState[11 + i]);
        }
        wipe();
    }

    /**
     * Writes the first {@code out.length} (at most 64) keystream bytes to {@code out} instead of
     * using them; NaCl's secretbox takes the Poly1305 key from the first 32.
     */
    void take(byte[] out) {
        if (used == BLOCK && (out.length & 3) == 0) {
            // the common case (a fresh stream, the 32-byte Poly1305 key): whole words of a new block
            nextBlock();
            for (int i = 0; i < out.length; i += 4) {
                INTS.set(out, i, block[i >>> 2]);
            }
            used = out.length;
            return;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (nextByte());
        }
    }

    /** {@code out[outOff..+len) = in[inOff..+len) XOR} the next {@code len} keystream bytes. */
    void xor(byte[] in, int inOff, byte[] out, int outOff, int len) {
        // the rest of the current block: eight bytes at a time where the position allows (after
        // take(32), a secretbox's message starts on a word of block 0), else byte by byte
        while (len > 0 && used < BLOCK) {
            if ((used & 7) == 0 && len >= 8) {
                int j = used >>> 2;
                long keystream = (block[j] & 0xFFFF_FFFFL) | ((long) block[j + 1] << 32);
                LONGS.set(out, outOff, (long) LONGS.get(in, inOff) ^ keystream);
                inOff += 8;
                outOff += 8;
                used += 8;
                len -= 8;
            } else {
                out[outOff++] = (byte) (in[inOff++] ^ nextByte());
                len--;
            }
        }
        while (len >= BLOCK) {
            nextBlock();
            for (int j = 0; j < 16; j += 2) {
                long keystream = (block[j] & 0xFFFF_FFFFL) | ((long) block[j + 1] << 32);
                LONGS.set(out, outOff, (long) LONGS.get(in, inOff) ^ keystream);
                inOff += 8;
                outOff += 8;
            }
            len -= BLOCK;
        }
        while (len > 0) {
            out[outOff++] = (byte) (in[inOff++] ^ nextByte());
            len--;
        }
    }

    /** Clears the key material this object holds. */
    void wipe() {
        Arrays.fill(engineState, 0);
        Arrays.fill(block, 0);
        used = BLOCK;
    }

    private int nextByte() {
        if (used == BLOCK) {
            nextBlock();
            used = 0;
        }
        int b = block[used >>> 2] >>> ((used & 3) << 3);
        used++;
        return b;
    }

    /** The block at the current counter into {@link #block}, then the counter advances. */
    private void nextBlock() {
        salsaCore(20, engineState, block);
        if (++engineState[8] == 0) {
            ++engineState[9];
        }
        used = BLOCK;
    }
}

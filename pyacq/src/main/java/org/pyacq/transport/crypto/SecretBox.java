package org.pyacq.transport.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20 and Poly1305) with NaCl's padded layout, on Bouncy
 * Castle's primitives. One instance per thread ({@link #forThisThread()}): the engines and scratch
 * arrays are reused from message to message, and every call re-keys them, so nothing of one
 * message carries over to the next.
 *
 * <p>Both directions make a single pass over the message in chunks that stay in cache: sealing
 * encrypts a chunk and then feeds the ciphertext to Poly1305; opening feeds the ciphertext to
 * Poly1305 and then decrypts it into the output, and if the tag turns out wrong the whole output
 * is zeroed before returning failure, so no unauthenticated plaintext is left behind.
 */
final class SecretBox {
    /** Zero bytes in front of a plaintext, and in front of a box (NaCl's ZEROBYTES, BOXZEROBYTES). */
    static final int ZERO_BYTES = 32;
    static final int BOX_ZERO_BYTES = 16;
    static final int KEY_BYTES = 32;
    private static final int TAG_BYTES = 16;
    /** Chunk boundaries fall at multiples of this offset (a multiple of Salsa20's 64-byte block). */
    private static final int CHUNK = 16 * 1024;

    private static final ThreadLocal<SecretBox> PER_THREAD = ThreadLocal.withInitial(SecretBox::new);

    final XSalsa20Keystream stream = new XSalsa20Keystream();
    private final Poly1305 mac = new Poly1305();
    private final byte[] macKey = new byte[32];
    private final byte[] tag = new byte[TAG_BYTES];

    private SecretBox() {
    }

    static SecretBox forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Seals {@code m[0..len)}, whose first 32 bytes are zero, into {@code c[0..len)}: 16 zero
     * bytes, the 16-byte tag, the ciphertext. {@code c} may be {@code m}.
     */
    void seal(byte[] c, byte[] m, int len, byte[] nonce, byte[] key) {
        startMac(nonce, key);
        for (int off = ZERO_BYTES; off < len; ) {
            int end = chunkEnd(off, len);
            stream.xor(m, off, c, off, end - off);
            mac.update(c, off, end - off);
            off = end;
        }
        mac.doFinal(c, BOX_ZERO_BYTES);
        Arrays.fill(c, 0, BOX_ZERO_BYTES, (byte) 0);
        stream.wipe();
    }

    /**
     * Opens {@code c[0..len)} (16 zero bytes, tag, ciphertext) into {@code m[0..len)}: 32 zero bytes
     * then the plaintext. Returns false, with {@code m[0..len)} zeroed, if the tag is wrong.
     * {@code m} may be {@code c}.
     */
    boolean open(byte[] m, byte[] c, int len, byte[] nonce, byte[] key) {
        startMac(nonce, key);
        for (int off = ZERO_BYTES; off < len; ) {
            int end = chunkEnd(off, len);
            mac.update(c, off, end - off);
            stream.xor(c, off, m, off, end - off);
            off = end;
        }
        mac.doFinal(tag, 0);
        stream.wipe();
        boolean authentic = org.bouncycastle.util.Arrays.constantTimeAreEqual(TAG_BYTES, tag, 0, c, BOX_ZERO_BYTES);
        Arrays.fill(tag, (byte) 0);
        Arrays.fill(m, 0, authentic ? ZERO_BYTES : len, (byte) 0);
        return authentic;
    }

    /** Keys the stream, and Poly1305 with the stream's first 32 bytes. */
    private void startMac(byte[] nonce, byte[] key) {
        stream.rekey(key, nonce);
        stream.take(macKey);
        mac.init(new KeyParameter(macKey));
        Arrays.fill(macKey, (byte) 0);
    }

    private static int chunkEnd(int off, int len) {
        return off + Math.min(CHUNK - off % CHUNK, len - off);
    }
}

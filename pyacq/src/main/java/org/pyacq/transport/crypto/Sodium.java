package org.pyacq.transport.crypto;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NaCl's secretbox (XSalsa20-Poly1305, NaCl's zero-padded layout) on libsodium's primitives, through JNA,
 * where the system has libsodium (Debian's libsodium23, which python3-zmq and libzmq already pull
 * in): libsodium's vectorised Salsa20 and Poly1305 are several times faster than the pure-Java
 * ones. Not available (no library, or {@code -Dpyacq.sodium=off}): {@link #available()} is false
 * and callers use Bouncy Castle ({@link SecretBox}). The output is the same bytes either way
 * (checked by the tests against NaCl's vectors and against each other).
 *
 * <p>The library is looked up once, on first use: {@code -Dpyacq.sodium=PATH} names it, else
 * {@code libsodium.so} and {@code libsodium.so.23} are tried in the system's library path.
 */
final class Sodium {
    /** System property: {@code off} to never use libsodium, or the library's path or name. */
    static final String PROPERTY = "pyacq.sodium";
    private static final Logger log = LoggerFactory.getLogger(Sodium.class);
    private static final boolean AVAILABLE = load();

    private Sodium() {
    }

    /** True if libsodium was found and initialised. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Bytes of message handled per native call: small enough to stay in cache, large enough to amortise the call. */
    private static final int CHUNK = 64 * 1024;
    private static final int BLOCK = 64;
    private static final int ZERO_BYTES = 32;
    private static final int BOX_ZERO_BYTES = 16;
    private static final ThreadLocal<Buffers> PER_THREAD = ThreadLocal.withInitial(Buffers::new);

    /** Native memory a thread reuses: one chunk of message, Poly1305's state, one keystream block. */
    private static final class Buffers {
        final Memory chunk = new Memory(CHUNK);
        final Memory stateBlock = new Memory(crypto_onetimeauth_poly1305_statebytes() + 16);
        final Pointer state = stateBlock.align(16);
        final Memory block = new Memory(BLOCK);
        final byte[] first = new byte[BLOCK];
        final byte[] tag = new byte[16];
        final byte[] expected = new byte[16];
    }

    private static native int sodium_init();

    private static native int crypto_stream_xsalsa20_xor_ic(Pointer c, Pointer m, long mlen, byte[] n, long ic, byte[] k);

    private static native long crypto_onetimeauth_poly1305_statebytes();

    private static native int crypto_onetimeauth_poly1305_init(Pointer state, byte[] key);

    private static native int crypto_onetimeauth_poly1305_update(Pointer state, Pointer in, long inlen);

    private static native int crypto_onetimeauth_poly1305_final(Pointer state, byte[] out);

    private static native int crypto_verify_16(byte[] x, byte[] y);

    /**
     * NaCl's {@code crypto_secretbox}, composed as NaCl defines it from libsodium's XSalsa20 (with
     * a block counter, so the message goes through in cache-sized chunks) and its incremental
     * Poly1305: the first 32 keystream bytes key Poly1305, the message is XORed with the keystream
     * from byte 32 on, the tag covers the ciphertext. Seals {@code m[0..len)} (32 zero bytes, then
     * the message) into {@code c[0..len)} (16 zero bytes, the tag, the ciphertext); {@code c} may
     * be {@code m}.
     */
    static boolean seal(byte[] c, byte[] m, int len, byte[] nonce, byte[] key) {
        Buffers b = PER_THREAD.get();
        startBlock(b, nonce, key);
        byte[] first = b.first;
        // the rest of block 0 covers message bytes 32..64
        int head = Math.min(BLOCK, len);
        for (int i = ZERO_BYTES; i < head; i++) {
            first[i] ^= m[i];
        }
        b.block.write(0, first, ZERO_BYTES, head - ZERO_BYTES);
        crypto_onetimeauth_poly1305_update(b.state, b.block, head - ZERO_BYTES);
        System.arraycopy(first, ZERO_BYTES, c, ZERO_BYTES, head - ZERO_BYTES);
        for (int off = BLOCK; off < len; off += CHUNK) {
            int n = Math.min(CHUNK, len - off);
            b.chunk.write(0, m, off, n);
            crypto_stream_xsalsa20_xor_ic(b.chunk, b.chunk, n, nonce, off / BLOCK, key);
            crypto_onetimeauth_poly1305_update(b.state, b.chunk, n);
            b.chunk.read(0, c, off, n);
        }
        crypto_onetimeauth_poly1305_final(b.state, b.tag);
        java.util.Arrays.fill(c, 0, BOX_ZERO_BYTES, (byte) 0);
        System.arraycopy(b.tag, 0, c, BOX_ZERO_BYTES, 16);
        java.util.Arrays.fill(first, (byte) 0);
        return true;
    }

    /**
     * NaCl's {@code crypto_secretbox_open}: opens {@code c[0..len)} into {@code m[0..len)} (32 zero
     * bytes, then the message). False if the tag does not match (compared in constant time), and
     * then {@code m[0..len)} is zeros. {@code m} may be {@code c}.
     */
    static boolean open(byte[] m, byte[] c, int len, byte[] nonce, byte[] key) {
        Buffers b = PER_THREAD.get();
        System.arraycopy(c, BOX_ZERO_BYTES, b.expected, 0, 16);
        startBlock(b, nonce, key);
        byte[] first = b.first;
        int head = Math.min(BLOCK, len);
        b.block.write(0, c, ZERO_BYTES, head - ZERO_BYTES);
        crypto_onetimeauth_poly1305_update(b.state, b.block, head - ZERO_BYTES);
        for (int i = ZERO_BYTES; i < head; i++) {
            first[i] ^= c[i];
        }
        for (int off = BLOCK; off < len; off += CHUNK) {
            int n = Math.min(CHUNK, len - off);
            b.chunk.write(0, c, off, n);
            crypto_onetimeauth_poly1305_update(b.state, b.chunk, n);
            crypto_stream_xsalsa20_xor_ic(b.chunk, b.chunk, n, nonce, off / BLOCK, key);
            b.chunk.read(0, m, off, n);
        }
        System.arraycopy(first, ZERO_BYTES, m, ZERO_BYTES, head - ZERO_BYTES);
        java.util.Arrays.fill(first, (byte) 0);
        crypto_onetimeauth_poly1305_final(b.state, b.tag);
        if (crypto_verify_16(b.tag, b.expected) != 0) {
            java.util.Arrays.fill(m, 0, len, (byte) 0);
            return false;
        }
        java.util.Arrays.fill(m, 0, ZERO_BYTES, (byte) 0);
        return true;
    }

    /** Keystream block 0 into {@code b.first}; Poly1305 keyed with its first 32 bytes. */
    private static void startBlock(Buffers b, byte[] nonce, byte[] key) {
        b.block.clear(BLOCK);
        crypto_stream_xsalsa20_xor_ic(b.block, b.block, BLOCK, nonce, 0, key);
        b.block.read(0, b.first, 0, BLOCK);
        byte[] polyKey = java.util.Arrays.copyOf(b.first, 32);
        crypto_onetimeauth_poly1305_init(b.state, polyKey);
        java.util.Arrays.fill(polyKey, (byte) 0);
        b.block.clear(BLOCK);
    }

    private static boolean load() {
        String setting = System.getProperty(PROPERTY, "auto").trim();
        if (setting.equals("off")) {
            return false;
        }
        List<String> names = setting.equals("auto") ? List.of("sodium", "libsodium.so.23") : List.of(setting);
        for (String name : names) {
            try {
                NativeLibrary lib = NativeLibrary.getInstance(name);
                Native.register(Sodium.class, lib);
                if (sodium_init() < 0) {
                    log.debug("libsodium ({}) did not initialise; using Bouncy Castle for CURVE", name);
                    return false;
                }
                log.debug("CURVE's secretbox runs on libsodium ({})", lib.getFile());
                return true;
            } catch (LinkageError | RuntimeException e) {
                log.debug("no libsodium as {}: {}", name, e.toString());
            }
        }
        return false;
    }
}

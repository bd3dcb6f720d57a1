package org.pyacq.transport.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * NaCl's {@code crypto_box} (curve25519xsalsa20poly1305) and {@code crypto_secretbox}
 * (xsalsa20poly1305), the primitives of CurveZMQ, composed from Bouncy Castle's X25519, Salsa20
 * core and Poly1305 (boxes of {@value #SODIUM_FROM} bytes and more on libsodium where the system
 * has it, see {@link Sodium}). Same inputs, outputs and padded layouts as NaCl and libsodium, so peers using
 * libzmq or pyzmq interoperate. JeroMQ reaches this class through the jnacl-named classes in
 * {@code com.neilalexander.jnacl.crypto}; our own code calls it directly.
 *
 * <pre>{@code
 * byte[] pk = new byte[32], sk = new byte[32];
 * NaclBox.keypair(pk, sk);
 * byte[] k = new byte[32];
 * NaclBox.beforenm(k, theirPublicKey, sk);               // once per peer
 * NaclBox.afternm(box, padded, padded.length, nonce, k); // per message
 * }</pre>
 *
 * <p>Every method is thread-safe: per-message state lives in a per-thread {@link SecretBox}.
 */
public final class NaclBox {
    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SECRET_KEY_BYTES = 32;
    public static final int BEFORENM_BYTES = 32;
    public static final int NONCE_BYTES = XSalsa20Keystream.NONCE_BYTES;
    /** Zero bytes in front of every plaintext given to, or returned by, a box function. */
    public static final int ZERO_BYTES = SecretBox.ZERO_BYTES;
    /** Zero bytes in front of every box given to, or returned by, a box function. */
    public static final int BOX_ZERO_BYTES = SecretBox.BOX_ZERO_BYTES;

    /** One process-wide generator for key pairs; {@code SecureRandom} is thread-safe. */
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * From this length on, boxes are sealed and opened with libsodium where the system has it
     * ({@link Sodium}): measured, seal and open of 1000 bytes cost about the same both ways (10 µs),
     * 100 bytes 3.6 µs in Java and 8.5 µs through JNA, 64 KiB 0.73 ms in Java and 0.18 ms with libsodium.
     */
    static final int SODIUM_FROM = 1024;

    private NaclBox() {
    }

    /** {@code q = n * 9}: the public key of secret key {@code n} (clamped as Curve25519 does). */
    public static void scalarMultBase(byte[] q, byte[] n) {
        check(q, 32, "q");
        check(n, 32, "n");
        X25519.scalarMultBase(n, 0, q, 0);
    }

    /**
     * {@code q = n * p} on Curve25519. Returns false if the result is all zeros (p has small order),
     * which libsodium also refuses.
     */
    public static boolean scalarMult(byte[] q, byte[] n, byte[] p) {
        check(q, 32, "q");
        check(n, 32, "n");
        check(p, 32, "p");
        return X25519.calculateAgreement(n, 0, p, 0, q, 0);
    }

    /** A new key pair: {@code sk} random, {@code pk} its public key. */
    public static void keypair(byte[] pk, byte[] sk) {
        check(pk, PUBLIC_KEY_BYTES, "pk");
        check(sk, SECRET_KEY_BYTES, "sk");
        RANDOM.nextBytes(sk);
        scalarMultBase(pk, sk);
    }

    /**
     * The key shared by {@code sk} and {@code pk} (HSalsa20 of their Curve25519 product) into
     * {@code k}. Returns false, with {@code k} zeroed, if {@code pk} is a small-order point.
     */
    public static boolean beforenm(byte[] k, byte[] pk, byte[] sk) {
        check(k, BEFORENM_BYTES, "k");
        byte[] shared = new byte[32];
        boolean ok = scalarMult(shared, sk, pk);
        if (ok) {
            SecretBox.forThisThread().stream.hsalsa20ZeroInput(shared, k);
        } else {
            Arrays.fill(k, 0, BEFORENM_BYTES, (byte) 0);
        }
        Arrays.fill(shared, (byte) 0);
        return ok;
    }

    /**
     * {@code crypto_secretbox}: seals {@code m[0..len)} (32 zero bytes, then the message) with
     * {@code key} and the 24-byte nonce into {@code c[0..len)} (16 zero bytes, tag, ciphertext).
     * Returns false if {@code len < 32}.
     */
    public static boolean secretbox(byte[] c, byte[] m, int len, byte[] nonce, byte[] key) {
        checkBox(c, m, len, nonce, key);
        if (len < ZERO_BYTES) {
            return false;
        }
        if (len >= SODIUM_FROM && Sodium.available()) {
            return Sodium.seal(c, m, len, nonce, key);
        }
        SecretBox.forThisThread().seal(c, m, len, nonce, key);
        return true;
    }

    /**
     * {@code crypto_secretbox_open}: opens {@code c[0..len)} into {@code m[0..len)} (32 zero bytes,
     * then the message). Returns false if {@code len < 32} or the box was not sealed with this key
     * and nonce, or was altered; then {@code m[0..len)} holds no plaintext.
     */
    public static boolean secretboxOpen(byte[] m, byte[] c, int len, byte[] nonce, byte[] key) {
        checkBox(m, c, len, nonce, key);
        if (len < ZERO_BYTES) {
            return false;
        }
        if (len >= SODIUM_FROM && Sodium.available()) {
            return Sodium.open(m, c, len, nonce, key);
        }
        return SecretBox.forThisThread().open(m, c, len, nonce, key);
    }

    /** {@code crypto_box_afternm}: {@link #secretbox} with a key from {@link #beforenm}. */
    public static boolean afternm(byte[] c, byte[] m, int len, byte[] nonce, byte[] k) {
        return secretbox(c, m, len, nonce, k);
    }

    /** {@code crypto_box_open_afternm}: {@link #secretboxOpen} with a key from {@link #beforenm}. */
    public static boolean openAfternm(byte[] m, byte[] c, int len, byte[] nonce, byte[] k) {
        return secretboxOpen(m, c, len, nonce, k);
    }

    /** {@code crypto_box}: {@link #beforenm} then {@link #afternm}. */
    public static boolean box(byte[] c, byte[] m, int len, byte[] nonce, byte[] pk, byte[] sk) {
        byte[] k = new byte[BEFORENM_BYTES];
        try {
            return beforenm(k, pk, sk) && afternm(c, m, len, nonce, k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** {@code crypto_box_open}: {@link #beforenm} then {@link #openAfternm}. */
    public static boolean boxOpen(byte[] m, byte[] c, int len, byte[] nonce, byte[] pk, byte[] sk) {
        byte[] k = new byte[BEFORENM_BYTES];
        try {
            return beforenm(k, pk, sk) && openAfternm(m, c, len, nonce, k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static void checkBox(byte[] out, byte[] in, int len, byte[] nonce, byte[] key) {
        Objects.requireNonNull(out, "output");
        Objects.requireNonNull(in, "input");
        if (len < 0 || len > in.length || len > out.length) {
            throw new IllegalArgumentException("length " + len + " does not fit input of " + in.length
                    + " bytes and output of " + out.length + " bytes");
        }
        check(nonce, NONCE_BYTES, "nonce");
        check(key, SecretBox.KEY_BYTES, "key");
        if (key.length != SecretBox.KEY_BYTES) {
            throw new IllegalArgumentException("key has " + key.length + " bytes, needs " + SecretBox.KEY_BYTES);
        }
    }

    private static void check(byte[] a, int minLength, String name) {
        Objects.requireNonNull(a, name);
        if (a.length < minLength) {
            throw new IllegalArgumentException(name + " has " + a.length + " bytes, needs " + minLength);
        }
    }
}

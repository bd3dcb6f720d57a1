package org.pyacq.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.pyacq.transport.crypto.NaclBox;
import org.zeromq.ZMQ;
import zmq.util.Z85;

/**
 * A CURVE key pair as ZeroMQ writes keys: 40-character Z85 text for each 32-byte key. The secret
 * key never appears in {@link #toString()}.
 *
 * <pre>{@code
 * KeyPair mine = KeyPair.generate();
 * String shareable = mine.publicKey();      // give this to servers that should accept us
 * }</pre>
 *
 * <p>A pair read from a key file ({@link UserKeys}) checks that its secret key belongs to its public
 * key when the secret key is first used, not when it is read: deriving the public key loads and
 * runs curve arithmetic that a command talking over the same-host path never needs (about a tenth
 * of a second of a short command's start).
 */
public final class KeyPair {
    /** Length of a key in Z85 text. */
    private static final int Z85_LENGTH = 40;
    /** Length of a key in bytes. */
    private static final int KEY_BYTES = 32;

    private final String publicKey;
    private final String secretKey;
    /** Where a pair checked on use came from (for the error), else null. */
    private final String source;
    private volatile boolean matched;

    /**
     * @param publicKey the public key, Z85
     * @param secretKey the secret key, Z85; it must belong to {@code publicKey}
     * @throws IllegalArgumentException if a key is not 40 characters of Z85, or the secret key does
     *     not belong to the public key
     */
    public KeyPair(String publicKey, String secretKey) {
        this(publicKey, secretKey, null);
        checkMatch();
    }

    private KeyPair(String publicKey, String secretKey, String source) {
        this.publicKey = checkPublicKey(publicKey);
        decode(Objects.requireNonNull(secretKey, "secretKey"), "secret key");
        this.secretKey = secretKey;
        this.source = source;
    }

    /**
     * A pair whose keys are checked as Z85 now and as a pair when {@link #secretKey()} is first
     * called; a mismatch then throws {@link KeyFileException} naming {@code source}.
     */
    static KeyPair checkedOnUse(String publicKey, String secretKey, String source) {
        return new KeyPair(publicKey, secretKey, Objects.requireNonNull(source, "source"));
    }

    public String publicKey() {
        return publicKey;
    }

    /**
     * The secret key, Z85.
     *
     * @throws KeyFileException if this pair came from a key file and its keys do not belong together
     */
    public String secretKey() {
        if (!matched) {
            checkMatch();
        }
        return secretKey;
    }

    private void checkMatch() {
        byte[] secret = decode(secretKey, "secret key");
        byte[] derived = new byte[KEY_BYTES];
        NaclBox.scalarMultBase(derived, secret);
        boolean ok = Arrays.equals(derived, decode(publicKey, "public key"));
        Arrays.fill(secret, (byte) 0);
        if (!ok) {
            String problem = "the secret key does not belong to public key " + publicKey + " (fingerprint "
                    + fingerprint(publicKey) + ")";
            if (source != null) {
                throw new KeyFileException("the key file " + source + " holds no valid key pair (" + problem
                        + "); remove it to get a new key");
            }
            throw new IllegalArgumentException(problem);
        }
        matched = true;
    }

    /** A new random key pair (from the JDK's {@code SecureRandom}). */
    public static KeyPair generate() {
        ZMQ.Curve.KeyPair kp = ZMQ.Curve.generateKeyPair();
        return new KeyPair(kp.publicKey, kp.secretKey);
    }

    /**
     * Checks that {@code z85} is a public key in Z85 text and returns it.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String checkPublicKey(String z85) {
        decode(Objects.requireNonNull(z85, "public key"), "public key");
        return z85;
    }

    /** A short, stable name for a public key in logs: the first 16 hex digits of its SHA-256. */
    public static String fingerprint(String publicKeyZ85) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyZ85.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** {@link #fingerprint(String)} of this pair's public key. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    private static byte[] decode(String z85, String what) {
        if (z85.length() != Z85_LENGTH) {
            throw new IllegalArgumentException("a CURVE " + what + " is " + Z85_LENGTH
                    + " characters of Z85 text, got " + z85.length() + " characters");
        }
        for (int i = 0; i < z85.length(); i++) {
            char c = z85.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\'' || c == ',' || c == ';' || c == '\\' || c == '_'
                    || c == '`' || c == '|' || c == '~') {
                throw new IllegalArgumentException("a CURVE " + what + " is Z85 text; character " + (i + 1)
                        + " is not a Z85 character");
            }
        }
        byte[] raw = Z85.decode(z85);   // not ZMQ.Curve's: loading that class seeds a SecureRandom
        if (raw == null || raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a CURVE " + what + " decodes to " + KEY_BYTES + " bytes");
        }
        return raw;
    }

    /** Equal when both keys are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair k && k.publicKey.equals(publicKey) && k.secretKey.equals(secretKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "KeyPair[public " + publicKey + ", fingerprint " + fingerprint() + "]";
    }
}

package org.pyacq.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.pyacq.transport.crypto.NaclBox;
import org.zeromq.ZMQ;

/**
 * A CURVE key pair as ZeroMQ writes keys: 40-character Z85 text for each 32-byte key. The secret
 * key never appears in {@link #toString()}.
 *
 * <pre>{@code
 * KeyPair mine = KeyPair.generate();
 * String shareable = mine.publicKey();      // give this to servers that should accept us
 * }</pre>
 *
 * @param publicKey the public key, Z85
 * @param secretKey the secret key, Z85; it must belong to {@code publicKey}
 */
public record KeyPair(String publicKey, String secretKey) {

    /**
     * @throws IllegalArgumentException if a key is not 40 characters of Z85, or the secret key does
     *     not belong to the public key
     */
    public KeyPair {
        publicKey = checkPublicKey(publicKey);
        byte[] secret = decode(Objects.requireNonNull(secretKey, "secretKey"), "secret key");
        byte[] derived = new byte[32];
        NaclBox.scalarMultBase(derived, secret);
        boolean matches = Arrays.equals(derived, decode(publicKey, "public key"));
        Arrays.fill(secret, (byte) 0);
        if (!matches) {
            throw new IllegalArgumentException("the secret key does not belong to public key " + publicKey
                    + " (fingerprint " + fingerprint(publicKey) + ")");
        }
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
        if (z85.length() != ZMQ.Curve.KEY_SIZE_Z85) {
            throw new IllegalArgumentException("a CURVE " + what + " is " + ZMQ.Curve.KEY_SIZE_Z85
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
        byte[] raw = ZMQ.Curve.z85Decode(z85);
        if (raw == null || raw.length != ZMQ.Curve.KEY_SIZE) {
            throw new IllegalArgumentException("a CURVE " + what + " decodes to " + ZMQ.Curve.KEY_SIZE + " bytes");
        }
        return raw;
    }

    @Override
    public String toString() {
        return "KeyPair[public " + publicKey + ", fingerprint " + fingerprint() + "]";
    }
}

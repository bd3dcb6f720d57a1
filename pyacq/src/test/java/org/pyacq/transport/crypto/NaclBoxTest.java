package org.pyacq.transport.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.neilalexander.jnacl.crypto.curve25519;
import com.neilalexander.jnacl.crypto.curve25519xsalsa20poly1305;
import com.neilalexander.jnacl.crypto.xsalsa20poly1305;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NaCl's box and secretbox against the test vectors NaCl ships and libsodium keeps (tests box,
 * box2, core1, scalarmult, scalarmult2, scalarmult5, secretbox, secretbox2: Alice and Bob), called
 * through the jnacl-named classes JeroMQ uses; then long messages against a plain composition of
 * Bouncy Castle's stock engines, and tampering.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NaclBoxTest {
    private static final HexFormat HEX = HexFormat.of();

    private static final byte[] ALICE_SK = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_SK = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PK = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] SHARED = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    /** HSalsa20 of SHARED and 16 zero bytes: what crypto_box_beforenm gives (NaCl's "firstkey"). */
    private static final byte[] BEFORENM = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    private static final byte[] NONCE = hex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = hex("be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa134"
            + "8057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937"
            + "763848645e0705");
    /** Tag (16 bytes) then ciphertext, as NaCl's box test prints from c[16..163). */
    private static final byte[] BOXED = hex("f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d5"
            + "1738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e"
            + "88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");
    /** A point of small order (from libsodium's box test): its product with any key is zero. */
    private static final byte[] SMALL_ORDER = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    @Test
    void scalarMultBaseGivesAlicesAndBobsPublicKeys() {
        byte[] pk = new byte[32];
        assertEquals(0, curve25519.crypto_scalarmult_base(pk, ALICE_SK));
        assertArrayEquals(ALICE_PK, pk);
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_getpublickey(pk, BOB_SK));
        assertArrayEquals(BOB_PK, pk);
    }

    @Test
    void bothSidesReachTheSameSharedSecret() {
        byte[] q = new byte[32];
        assertEquals(0, curve25519.crypto_scalarmult(q, ALICE_SK, BOB_PK));
        assertArrayEquals(SHARED, q);
        assertEquals(0, curve25519.crypto_scalarmult(q, BOB_SK, ALICE_PK));
        assertArrayEquals(SHARED, q);
    }

    @Test
    void beforenmIsHSalsa20OfTheSharedSecret() {
        byte[] k = new byte[32];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_beforenm(k, BOB_PK, ALICE_SK));
        assertArrayEquals(BEFORENM, k);
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_beforenm(k, ALICE_PK, BOB_SK));
        assertArrayEquals(BEFORENM, k);
    }

    @Test
    void boxGivesNaclsCiphertext() {
        byte[] c = new byte[32 + MESSAGE.length];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box(c, padded(MESSAGE), c.length, NONCE, BOB_PK, ALICE_SK));
        assertArrayEquals(new byte[16], Arrays.copyOf(c, 16));
        assertArrayEquals(BOXED, Arrays.copyOfRange(c, 16, c.length));

        byte[] c2 = new byte[c.length];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_afternm(c2, padded(MESSAGE), c2.length, NONCE, BEFORENM));
        assertArrayEquals(c, c2);
    }

    @Test
    void secretboxWithTheDerivedKeyGivesTheSameCiphertext() {
        byte[] c = new byte[32 + MESSAGE.length];
        assertEquals(0, xsalsa20poly1305.crypto_secretbox(c, padded(MESSAGE), c.length, NONCE, BEFORENM));
        assertArrayEquals(BOXED, Arrays.copyOfRange(c, 16, c.length));
        byte[] m = new byte[c.length];
        assertEquals(0, xsalsa20poly1305.crypto_secretbox_open(m, c, c.length, NONCE, BEFORENM));
        assertArrayEquals(padded(MESSAGE), m);
    }

    @Test
    void boxOpenRecoversTheMessageOnBobsSide() {
        byte[] c = boxZeroPadded(BOXED);
        byte[] m = new byte[c.length];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_open(m, c, c.length, NONCE, ALICE_PK, BOB_SK));
        assertArrayEquals(padded(MESSAGE), m);
        Arrays.fill(m, (byte) 7);
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_open_afternm(m, c, c.length, NONCE, BEFORENM));
        assertArrayEquals(padded(MESSAGE), m);
    }

    @Test
    void aSmallOrderPublicKeyIsRefused() {
        byte[] k = new byte[32];
        assertEquals(-1, curve25519xsalsa20poly1305.crypto_box_beforenm(k, SMALL_ORDER, ALICE_SK));
        assertArrayEquals(new byte[32], k);
        byte[] c = new byte[32 + MESSAGE.length];
        assertEquals(-1, curve25519xsalsa20poly1305.crypto_box(c, padded(MESSAGE), c.length, NONCE, SMALL_ORDER, ALICE_SK));
    }

    @Test
    void anyAlteredByteOrWrongKeyOrNonceFailsToOpenAndLeavesNoPlaintext() {
        byte[] c = boxZeroPadded(BOXED);
        for (int i = 16; i < c.length; i++) {
            byte[] bad = c.clone();
            bad[i] ^= 0x01;
            byte[] m = new byte[c.length];
            Arrays.fill(m, (byte) 0x55);
            assertEquals(-1, curve25519xsalsa20poly1305.crypto_box_open_afternm(m, bad, bad.length, NONCE, BEFORENM),
                    "byte " + i + " altered");
            assertArrayEquals(new byte[c.length], m, "no plaintext after a failed open (byte " + i + ")");
        }
        byte[] m = new byte[c.length];
        byte[] otherNonce = NONCE.clone();
        otherNonce[23] ^= 1;
        assertEquals(-1, curve25519xsalsa20poly1305.crypto_box_open_afternm(m, c, c.length, otherNonce, BEFORENM));
        byte[] otherKey = BEFORENM.clone();
        otherKey[0] ^= 1;
        assertEquals(-1, curve25519xsalsa20poly1305.crypto_box_open_afternm(m, c, c.length, NONCE, otherKey));
        assertEquals(-1, curve25519xsalsa20poly1305.crypto_box_open(m, c, c.length, NONCE, BOB_PK, BOB_SK));
        // shorter than the zero padding: refused, as NaCl does
        assertEquals(-1, xsalsa20poly1305.crypto_secretbox_open(m, c, 31, NONCE, BEFORENM));
        assertEquals(-1, xsalsa20poly1305.crypto_secretbox(m, padded(MESSAGE), 31, NONCE, BEFORENM));
    }

    @Test
    void aFreshKeyPairWorksBothWays() {
        byte[] apk = new byte[32], ask = new byte[32], bpk = new byte[32], bsk = new byte[32];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_keypair(apk, ask));
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_keypair(bpk, bsk));
        assertFalse(Arrays.equals(ask, bsk));
        byte[] derived = new byte[32];
        NaclBox.scalarMultBase(derived, ask);
        assertArrayEquals(apk, derived);
        byte[] m = padded(MESSAGE);
        byte[] c = new byte[m.length];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box(c, m, m.length, NONCE, bpk, ask));
        byte[] back = new byte[m.length];
        assertEquals(0, curve25519xsalsa20poly1305.crypto_box_open(back, c, c.length, NONCE, apk, bsk));
        assertArrayEquals(m, back);
    }

    /**
     * Lengths around Salsa20's 64-byte blocks and the 16 KiB chunks, and a few MiB: the same bytes
     * as Bouncy Castle's stock XSalsa20Engine and Poly1305 composed as NaCl defines secretbox.
     */
    @ParameterizedTest
    @ValueSource(ints = {32, 33, 63, 64, 95, 96, 97, 127, 128, 1000, 16383, 16384, 16385, 16416, 16417, 65536 + 7,
        3 * 1024 * 1024 + 13})
    void longMessagesMatchBouncyCastlesStockEngines(int len) {
        SplittableRandom random = new SplittableRandom(len);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] m = bytes(random, len);
        Arrays.fill(m, 0, 32, (byte) 0);

        byte[] c = new byte[len];
        assertTrue(NaclBox.secretbox(c, m, len, nonce, key));
        assertArrayEquals(referenceSecretbox(m, nonce, key), c);

        byte[] back = new byte[len];
        assertTrue(NaclBox.secretboxOpen(back, c, len, nonce, key));
        assertArrayEquals(m, back);

        // in place, both ways
        byte[] inPlace = m.clone();
        assertTrue(NaclBox.secretbox(inPlace, inPlace, len, nonce, key));
        assertArrayEquals(c, inPlace);
        assertTrue(NaclBox.secretboxOpen(inPlace, inPlace, len, nonce, key));
        assertArrayEquals(m, inPlace);

        if (len > 32) {
            c[len - 1] ^= (byte) 0x80;
            Arrays.fill(back, (byte) 1);
            assertFalse(NaclBox.secretboxOpen(back, c, len, nonce, key), "last byte altered");
            assertArrayEquals(new byte[len], back);
        }
    }

    /**
     * Where libsodium is used (the system has it), it gives the bytes Bouncy Castle gives, and each
     * opens what the other sealed.
     */
    @ParameterizedTest
    @ValueSource(ints = {32, 33, 64, 100, 16417, 1024 * 1024 + 5})
    void libsodiumAndBouncyCastleSealAlike(int len) {
        org.pyacq.testing.Requirements.require(Sodium.available(), "needs libsodium (libsodium.so.23)", "libsodium23");
        SplittableRandom random = new SplittableRandom(len * 31L);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 24);
        byte[] m = bytes(random, len);
        Arrays.fill(m, 0, 32, (byte) 0);
        byte[] viaSodium = new byte[len];
        byte[] viaJava = new byte[len];
        assertTrue(Sodium.seal(viaSodium, m, len, nonce, key));
        SecretBox.forThisThread().seal(viaJava, m, len, nonce, key);
        assertArrayEquals(viaJava, viaSodium);
        byte[] back = new byte[len];
        assertTrue(Sodium.open(back, viaJava, len, nonce, key));
        assertArrayEquals(m, back);
        assertTrue(SecretBox.forThisThread().open(back, viaSodium, len, nonce, key));
        assertArrayEquals(m, back);
    }

    @Test
    void onlyTheGivenLengthIsTouched() {
        byte[] key = BEFORENM;
        byte[] m = new byte[200];
        System.arraycopy(MESSAGE, 0, m, 32, MESSAGE.length);
        Arrays.fill(m, 32 + MESSAGE.length, 200, (byte) 9);
        byte[] c = new byte[200];
        Arrays.fill(c, (byte) 3);
        assertTrue(NaclBox.secretbox(c, m, 32 + MESSAGE.length, NONCE, key));
        assertArrayEquals(BOXED, Arrays.copyOfRange(c, 16, 32 + MESSAGE.length));
        for (int i = 32 + MESSAGE.length; i < 200; i++) {
            assertEquals(3, c[i], "byte " + i + " past the length");
        }
    }

    /** NaCl's definition, on Bouncy Castle's stock engines: xor with XSalsa20, then Poly1305 keyed by the first 32 bytes. */
    private static byte[] referenceSecretbox(byte[] m, byte[] nonce, byte[] key) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] c = new byte[m.length];
        engine.processBytes(m, 0, m.length, c, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(Arrays.copyOf(c, 32)));
        mac.update(c, 32, m.length - 32);
        mac.doFinal(c, 16);
        Arrays.fill(c, 0, 16, (byte) 0);
        return c;
    }

    private static byte[] padded(byte[] message) {
        byte[] m = new byte[32 + message.length];
        System.arraycopy(message, 0, m, 32, message.length);
        return m;
    }

    private static byte[] boxZeroPadded(byte[] boxed) {
        byte[] c = new byte[16 + boxed.length];
        System.arraycopy(boxed, 0, c, 16, boxed.length);
        return c;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }
}

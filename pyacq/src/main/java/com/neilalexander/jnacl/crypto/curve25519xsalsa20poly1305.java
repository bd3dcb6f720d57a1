package com.neilalexander.jnacl.crypto;

import org.pyacq.transport.crypto.NaclBox;

/**
 * Stands in for jnacl's class of this name (jnacl itself is excluded from the build): JeroMQ's
 * CURVE mechanism calls these static methods, with jnacl's signatures and return codes (0 for
 * success, -1 for failure), and they run on {@link NaclBox}. Lengths count the NaCl zero padding.
 */
public final class curve25519xsalsa20poly1305 {
    public static final int crypto_secretbox_PUBLICKEYBYTES = NaclBox.PUBLIC_KEY_BYTES;
    public static final int crypto_secretbox_SECRETKEYBYTES = NaclBox.SECRET_KEY_BYTES;
    public static final int crypto_secretbox_BEFORENMBYTES = NaclBox.BEFORENM_BYTES;
    public static final int crypto_secretbox_NONCEBYTES = NaclBox.NONCE_BYTES;
    public static final int crypto_secretbox_ZEROBYTES = NaclBox.ZERO_BYTES;
    public static final int crypto_secretbox_BOXZEROBYTES = NaclBox.BOX_ZERO_BYTES;

    private curve25519xsalsa20poly1305() {
    }

    public static int crypto_box_getpublickey(byte[] pk, byte[] sk) {
        NaclBox.scalarMultBase(pk, sk);
        return 0;
    }

    public static int crypto_box_keypair(byte[] pk, byte[] sk) {
        NaclBox.keypair(pk, sk);
        return 0;
    }

    public static int crypto_box_beforenm(byte[] k, byte[] pk, byte[] sk) {
        return rc(NaclBox.beforenm(k, pk, sk));
    }

    public static int crypto_box_afternm(byte[] c, byte[] m, long mlen, byte[] n, byte[] k) {
        return rc(NaclBox.afternm(c, m, length(mlen), n, k));
    }

    public static int crypto_box_afternm(byte[] c, byte[] m, byte[] n, byte[] k) {
        return rc(NaclBox.afternm(c, m, m.length, n, k));
    }

    public static int crypto_box_open_afternm(byte[] m, byte[] c, long clen, byte[] n, byte[] k) {
        return rc(NaclBox.openAfternm(m, c, length(clen), n, k));
    }

    public static int crypto_box_open_afternm(byte[] m, byte[] c, byte[] n, byte[] k) {
        return rc(NaclBox.openAfternm(m, c, c.length, n, k));
    }

    public static int crypto_box(byte[] c, byte[] m, long mlen, byte[] n, byte[] pk, byte[] sk) {
        return rc(NaclBox.box(c, m, length(mlen), n, pk, sk));
    }

    public static int crypto_box(byte[] c, byte[] m, byte[] n, byte[] pk, byte[] sk) {
        return rc(NaclBox.box(c, m, m.length, n, pk, sk));
    }

    public static int crypto_box_open(byte[] m, byte[] c, long clen, byte[] n, byte[] pk, byte[] sk) {
        return rc(NaclBox.boxOpen(m, c, length(clen), n, pk, sk));
    }

    public static int crypto_box_open(byte[] m, byte[] c, byte[] n, byte[] pk, byte[] sk) {
        return rc(NaclBox.boxOpen(m, c, c.length, n, pk, sk));
    }

    static int rc(boolean ok) {
        return ok ? 0 : -1;
    }

    static int length(long len) {
        if (len < 0 || len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("length " + len + " is not an array length");
        }
        return (int) len;
    }
}

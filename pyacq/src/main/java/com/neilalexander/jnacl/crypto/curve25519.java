package com.neilalexander.jnacl.crypto;

import org.pyacq.transport.crypto.NaclBox;

/**
 * Stands in for jnacl's class of this name: Curve25519 scalar multiplication with jnacl's
 * signatures, running on {@link NaclBox} (Bouncy Castle's X25519). Unlike jnacl,
 * {@link #crypto_scalarmult} returns -1 for an all-zero result, as libsodium does.
 */
public final class curve25519 {
    private curve25519() {
    }

    public static int crypto_scalarmult_base(byte[] q, byte[] n) {
        NaclBox.scalarMultBase(q, n);
        return 0;
    }

    public static int crypto_scalarmult(byte[] q, byte[] n, byte[] p) {
        return curve25519xsalsa20poly1305.rc(NaclBox.scalarMult(q, n, p));
    }
}

package com.neilalexander.jnacl.crypto;

import org.pyacq.transport.crypto.NaclBox;

/**
 * Stands in for jnacl's class of this name: NaCl's {@code crypto_secretbox}, which JeroMQ's CURVE
 * server uses for its cookie, with jnacl's signatures and return codes, running on {@link NaclBox}.
 */
public final class xsalsa20poly1305 {
    private xsalsa20poly1305() {
    }

    public static int crypto_secretbox(byte[] c, byte[] m, long mlen, byte[] n, byte[] k) {
        return curve25519xsalsa20poly1305.rc(NaclBox.secretbox(c, m, curve25519xsalsa20poly1305.length(mlen), n, k));
    }

    public static int crypto_secretbox_open(byte[] m, byte[] c, long clen, byte[] n, byte[] k) {
        return curve25519xsalsa20poly1305.rc(NaclBox.secretboxOpen(m, c, curve25519xsalsa20poly1305.length(clen), n, k));
    }
}

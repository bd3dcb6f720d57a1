/**
 * Drop-in replacements for the jnacl classes JeroMQ's CURVE mechanism calls (jnacl is excluded
 * from the build): same names and signatures, backed by {@link org.pyacq.transport.crypto.NaclBox}.
 */
package com.neilalexander.jnacl.crypto;

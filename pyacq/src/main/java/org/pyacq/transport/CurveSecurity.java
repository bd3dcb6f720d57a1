package org.pyacq.transport;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.zeromq.ZMQ;

/**
 * ZeroMQ's CURVE mechanism: every connection is encrypted, clients must know the server's public
 * key, and servers accept only the client keys they were given (checked by a ZAP handler that
 * {@link ZmqRuntime} runs on the process's context; refused attempts are logged once per peer and
 * key). A refused client gets no answer at all.
 *
 * <p>Receiving queues of CURVE sockets are unbounded (receive high-water mark 0): in JeroMQ 0.6.0,
 * when a CURVE socket's receive queue is full, the message that did not fit is later delivered still
 * encrypted (StreamEngine's {@code pushOneThenDecodeAndPush} pushes the decoder's raw message, not the
 * decrypted one), so it is corrupted or lost. Measured: 11 of 40 runs of 3000 messages through a
 * PUSH/PULL pair with a receive limit of 1000.
 *
 * <p>The usual set-up is one key pair per user ({@link UserKeys}): every server of the user presents
 * it, every client of the user connects with it, servers accept exactly that key.
 *
 * <pre>{@code
 * TransportSecurity mine = CurveSecurity.forUser(UserKeys.loadOrCreate(UserKeys.defaultDirectory()));
 * // a server that also lets a colleague's key in:
 * TransportSecurity shared = CurveSecurity.builder(myKeys).allowClients(myKeys.publicKey(), colleagueKey).build();
 * }</pre>
 */
public final class CurveSecurity implements TransportSecurity {
    private static final AtomicInteger DOMAINS = new AtomicInteger();

    private final KeyPair keys;
    private final String serverKey;
    /** The server key the builder was given, or null (then per host: {@link #serverKeyFor}). */
    private final String explicitServerKey;
    private final Set<String> allowedClients;
    private final AuthorizedKeys authorized;
    private final String zapDomain;
    private final String origin;

    private CurveSecurity(Builder b) {
        this.keys = b.keys;
        this.serverKey = b.serverKey != null ? b.serverKey : b.keys.publicKey();
        this.explicitServerKey = b.serverKey;
        this.authorized = b.authorized;
        Set<String> allowed = new LinkedHashSet<>(b.allowedClients);
        if (allowed.isEmpty()) {
            allowed.add(b.keys.publicKey());
        }
        this.allowedClients = Set.copyOf(allowed);
        this.origin = b.origin;
        this.zapDomain = "pyacq-" + DOMAINS.incrementAndGet();
    }

    /** Servers present {@code user}'s keys and accept only clients holding them; clients connect with them. */
    public static CurveSecurity forUser(KeyPair user) {
        return builder(user).build();
    }

    /** A builder around this process's own key pair. */
    public static Builder builder(KeyPair keys) {
        return new Builder(keys);
    }

    /** The key pair servers present and clients connect with. */
    public KeyPair keyPair() {
        return keys;
    }

    /** The public key clients expect a server to have where nothing more specific is known (see {@link #serverKeyFor}). */
    public String serverKey() {
        return serverKey;
    }

    /** The server key the builder was given, or null when it was left to the default and the hosts. */
    public String explicitServerKey() {
        return explicitServerKey;
    }

    /**
     * The public key a client expects from the server at {@code address}: the key the builder was
     * given; else, for a server on another host, the key a {@link KnownServers known server} entry
     * or an {@linkplain #authorizedKeys() authorized key file} names for that host; else this pair's
     * own public key (servers of the same user).
     */
    public String serverKeyFor(String address) {
        if (explicitServerKey != null || address == null || Endpoints.isLoopback(address)) {
            return serverKey;
        }
        String host = Endpoints.host(address);
        String known = KnownServers.serverKeyFor(host);
        if (known == null && authorized != null) {
            known = authorized.serverKeyFor(host);
        }
        return known != null ? known : serverKey;
    }

    /** The client public keys servers accept besides those of {@link #authorizedKeys()}. */
    public Set<String> allowedClients() {
        return allowedClients;
    }

    /** The directory of further client keys servers accept, read on each connection; null if none. */
    public AuthorizedKeys authorizedKeys() {
        return authorized;
    }

    /**
     * Turns the socket into a CURVE server that accepts only {@link #allowedClients()}.
     *
     * @throws IllegalArgumentException if the socket was not created from {@link ZmqRuntime#context()},
     *     where the authenticator runs (anywhere else every client would be accepted)
     */
    @Override
    public void applyToServer(ZMQ.Socket socket) {
        byte[] secret = bytes(keys.secretKey());   // first: a key file's pair is checked here, before the socket changes
        ZmqRuntime.authenticator(socket).register(zapDomain, allowedClients, authorized, origin);
        socket.setZapDomain(zapDomain);
        socket.setRcvHWM(0);   // see the class comment: a full CURVE receive queue corrupts a message
        socket.setCurveServer(true);
        socket.setCurvePublicKey(bytes(keys.publicKey()));
        socket.setCurveSecretKey(secret);
    }

    @Override
    public void applyToClient(ZMQ.Socket socket, String address) {
        byte[] secret = bytes(keys.secretKey());   // first: a key file's pair is checked here, before the socket changes
        // never setCurveServer(false) after this: it would switch the socket back to no security
        socket.setRcvHWM(0);   // see the class comment: a full CURVE receive queue corrupts a message
        socket.setCurvePublicKey(bytes(keys.publicKey()));
        socket.setCurveSecretKey(secret);
        socket.setCurveServerKey(bytes(serverKeyFor(address)));
    }

    @Override
    public boolean isPlain() {
        return false;
    }

    private static byte[] bytes(String z85) {
        return z85.getBytes(ZMQ.CHARSET);
    }

    @Override
    public String toString() {
        return "curve (key " + keys.fingerprint() + (origin != null ? " from " + origin : "") + ", "
                + allowedClients.size() + " allowed client key" + (allowedClients.size() == 1 ? "" : "s")
                + (authorized != null ? " and those in " + authorized.directory() : "") + ")";
    }

    /** Settings of a {@link CurveSecurity}. */
    public static final class Builder {
        private final KeyPair keys;
        private String serverKey;
        private final Set<String> allowedClients = new LinkedHashSet<>();
        private AuthorizedKeys authorized;
        private String origin;

        private Builder(KeyPair keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
        }

        /** The public key of the servers clients connect to; default this pair's own public key. */
        public Builder serverKey(String publicKeyZ85) {
            this.serverKey = KeyPair.checkPublicKey(publicKeyZ85);
            return this;
        }

        /** Client public keys servers accept; default only this pair's own public key. */
        public Builder allowClients(List<String> publicKeysZ85) {
            for (String k : publicKeysZ85) {
                allowedClients.add(KeyPair.checkPublicKey(k));
            }
            return this;
        }

        /** Same as {@link #allowClients(List)}. */
        public Builder allowClients(String... publicKeysZ85) {
            return allowClients(List.of(publicKeysZ85));
        }

        /**
         * Servers also accept the keys of this directory, read again on each connection (so a key
         * added or removed there counts from the next connection on); clients expect the keys its
         * files name for their hosts. Null: none.
         */
        public Builder authorizedKeys(AuthorizedKeys keys) {
            this.authorized = keys;
            return this;
        }

        /** Where the keys came from (a key file, "the parent process"), for log messages. */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public CurveSecurity build() {
            return new CurveSecurity(this);
        }
    }
}

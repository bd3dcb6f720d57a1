package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.rpc.AuthenticationException;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcServer;

/**
 * The authorized keys directory: its files are read on each decision (a key added or removed
 * counts from the next connection, no restart), files that hold a secret key or are open to others
 * are skipped, and the hosts a file names tell clients which server key to expect there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthorizedKeysTest {
    @TempDir
    Path dir;

    @Test
    void readsZeroMqCertificatesAndBareKeys() {
        KeyPair k = KeyPair.generate();
        AuthorizedKeys.Entry e = AuthorizedKeys.parse("lab2", AuthorizedKeys.format(k.publicKey(), List.of("lab2", "10.0.0.2"),
                "a note"));
        assertEquals(k.publicKey(), e.publicKey());
        assertEquals(List.of("lab2", "10.0.0.2"), e.hosts());
        assertEquals(k.publicKey(), AuthorizedKeys.parse("x", k.publicKey() + "\n").publicKey());
        // what pyzmq's zmq.auth.create_certificates writes as the public file
        String pyzmq = "#   ****  Generated on 2026-01-01 by pyzmq  ****\n#   ZeroMQ CURVE Public Certificate\n\n"
                + "metadata\ncurve\n    public-key = \"" + k.publicKey() + "\"\n";
        assertEquals(k.publicKey(), AuthorizedKeys.parse("p", pyzmq).publicKey());
        IllegalArgumentException secret = assertThrows(IllegalArgumentException.class, () -> AuthorizedKeys.parse("s",
                "curve\n    public-key = \"" + k.publicKey() + "\"\n    secret-key = \"" + k.secretKey() + "\"\n"));
        assertTrue(secret.getMessage().startsWith("it holds a secret key"), secret.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthorizedKeys.parse("n", "nothing here"));
        assertThrows(IllegalArgumentException.class, () -> AuthorizedKeys.parse("b", "public-key = \"short\""));
        assertThrows(IllegalArgumentException.class, () -> AuthorizedKeys.checkName("../x"));
    }

    @Test
    void theDirectoryIsReadAgainOnEachDecisionAndBadFilesAreSkipped() throws Exception {
        Path authorized = dir.resolve("authorized");
        AuthorizedKeys keys = AuthorizedKeys.in(authorized);
        KeyPair a = KeyPair.generate();
        KeyPair b = KeyPair.generate();
        assertFalse(keys.contains(a.publicKey()), "no directory: nothing authorized");
        AuthorizedKeys.write(authorized, new AuthorizedKeys.Entry("a", a.publicKey(), List.of("hosta")), null);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authorized)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(authorized.resolve("a.key"))));
        assertTrue(keys.contains(a.publicKey()));
        assertEquals(a.publicKey(), keys.serverKeyFor("HOSTA"));
        assertNull(keys.serverKeyFor("hostb"));

        // a file holding a secret key is skipped, so is one others may read
        Files.writeString(authorized.resolve("leak.key"), "curve\n public-key = \"" + b.publicKey() + "\"\n secret-key = \""
                + b.secretKey() + "\"\n");
        Files.setPosixFilePermissions(authorized.resolve("leak.key"), PosixFilePermissions.fromString("rw-------"));
        Path open = AuthorizedKeys.write(authorized, new AuthorizedKeys.Entry("open", b.publicKey(), List.of()), null);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(keys.contains(b.publicKey()));
        assertEquals(List.of("a"), keys.entries().stream().map(AuthorizedKeys.Entry::name).toList());

        // fixed in place: counts at once; removed: gone at once
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
        assertTrue(keys.contains(b.publicKey()));
        Files.delete(authorized.resolve("a.key"));
        assertFalse(keys.contains(a.publicKey()));

        // a directory open to others is not trusted at all
        Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertFalse(keys.contains(b.publicKey()));
    }

    @Test
    void clientsExpectTheKeyNamedForTheServersHost() throws Exception {
        KeyPair mine = KeyPair.generate();
        KeyPair lab2 = KeyPair.generate();
        KeyPair lab3 = KeyPair.generate();
        Path authorized = dir.resolve("authorized");
        AuthorizedKeys.write(authorized, new AuthorizedKeys.Entry("lab2", lab2.publicKey(), List.of("lab2", "10.0.0.2")), null);
        CurveSecurity s = CurveSecurity.builder(mine).authorizedKeys(AuthorizedKeys.in(authorized)).build();
        assertEquals(mine.publicKey(), s.serverKeyFor("tcp://127.0.0.1:5000"));
        assertEquals(mine.publicKey(), s.serverKeyFor(null));
        assertEquals(lab2.publicKey(), s.serverKeyFor("tcp://10.0.0.2:5000"));
        assertEquals(lab2.publicKey(), s.serverKeyFor("tcp://lab2:7600"));
        assertEquals(mine.publicKey(), s.serverKeyFor("tcp://10.0.0.9:5000"), "an unknown host: this user's own key");
        try {
            KnownServers.register("10.0.0.2", lab3.publicKey());
            assertEquals(lab3.publicKey(), s.serverKeyFor("tcp://10.0.0.2:5000"), "a registered daemon's key comes first");
        } finally {
            KnownServers.forget("10.0.0.2");
        }
        CurveSecurity explicit = CurveSecurity.builder(mine).serverKey(lab3.publicKey())
                .authorizedKeys(AuthorizedKeys.in(authorized)).build();
        assertEquals(lab3.publicKey(), explicit.serverKeyFor("tcp://lab2:7600"), "a key given to the builder wins");
    }

    @Test
    void aServerAcceptsAKeyFromTheNextConnectionAfterItsFileAppearsAndRefusesItAfterItGoes() throws Exception {
        KeyPair mine = KeyPair.generate();
        KeyPair colleague = KeyPair.generate();
        Path authorized = dir.resolve("authorized");
        CurveSecurity serverSide = CurveSecurity.builder(mine).authorizedKeys(AuthorizedKeys.in(authorized)).build();
        CurveSecurity theirs = CurveSecurity.builder(colleague).serverKey(mine.publicKey()).build();
        ClientOptions options = ClientOptions.builder().security(theirs).path(PathChoice.ZEROMQ)
                .timeout(Duration.ofSeconds(20)).build();
        try (RpcServer server = RpcServer.builder().name("shared").security(serverSide).build().start()) {
            try (RpcClient before = RpcClient.open(server.address(), options)) {
                assertThrows(AuthenticationException.class, before::ping);
            }
            AuthorizedKeys.write(authorized, new AuthorizedKeys.Entry("colleague", colleague.publicKey(), List.of()), null);
            try (RpcClient now = RpcClient.open(server.address(), options)) {
                now.ping();
            }
            Files.delete(authorized.resolve("colleague.key"));
            try (RpcClient after = RpcClient.open(server.address(), options)) {
                assertThrows(AuthenticationException.class, after::ping);
            }
        }
    }
}

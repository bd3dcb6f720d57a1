package org.pyacq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.testing.Requirements;

/** The per-user key: created private, read back, refused when others could read or swap it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserKeysTest {
    @TempDir
    Path home;

    @Test
    void theFirstUseCreatesAPrivateDirectoryAndKeyFile() throws IOException {
        Path dir = home.resolve("config/pyacq/keys");
        KeyPair keys = UserKeys.loadOrCreate(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path file = UserKeys.keyFile(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.contains("public-key = \"" + keys.publicKey() + "\""), text);
        assertTrue(text.contains("secret-key = \"" + keys.secretKey() + "\""), text);
        assertEquals(keys, UserKeys.loadOrCreate(dir), "the second use reads the same key");
        assertEquals(keys, UserKeys.load(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void theSecretKeyNeverAppearsInToString() {
        KeyPair keys = KeyPair.generate();
        assertFalse(keys.toString().contains(keys.secretKey()), keys.toString());
        assertTrue(keys.toString().contains(keys.fingerprint()));
        CurveSecurity security = CurveSecurity.forUser(keys);
        assertFalse(security.toString().contains(keys.secretKey()), security.toString());
    }

    @Test
    void processesStartingAtOnceAllGetTheSameKey() throws Exception {
        Path dir = home.resolve("race");
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<KeyPair>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return UserKeys.loadOrCreate(dir);
                }));
            }
            Set<KeyPair> distinct = new HashSet<>();
            for (Future<KeyPair> f : results) {
                distinct.add(f.get());
            }
            assertEquals(1, distinct.size(), "every starter reads the one key that was created");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithAClearMessage() throws IOException {
        Path dir = home.resolve("keys");
        UserKeys.loadOrCreate(dir);
        Path file = UserKeys.keyFile(dir);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFileException e = assertThrows(KeyFileException.class, () -> UserKeys.loadOrCreate(dir));
        assertEquals("the key file " + file.toAbsolutePath() + " is open to other users (rw-r--r--); anyone who can "
                + "read the key can connect as you. Run: chmod 600 " + file.toAbsolutePath()
                + " (and consider removing it to get a new key, as it may have been copied)", e.getMessage());
    }

    @Test
    void aKeyDirectoryOthersCanEnterIsRefused() throws IOException {
        Path dir = home.resolve("open");
        UserKeys.loadOrCreate(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        KeyFileException e = assertThrows(KeyFileException.class, () -> UserKeys.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("is open to other users (rwxr-xr-x)") && e.getMessage().contains("chmod 700"),
                e.getMessage());
    }

    @Test
    void aKeyFileOwnedBySomeoneElseIsRefused() throws IOException {
        Path dir = home.resolve("foreign");
        UserKeys.loadOrCreate(dir);
        Path file = UserKeys.keyFile(dir);
        Requirements.assumeRoot("giving the key file to user nobody");
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);
        KeyFileException e = assertThrows(KeyFileException.class, () -> UserKeys.load(file));
        assertTrue(e.getMessage().contains("belongs to nobody, not to " + System.getProperty("user.name")
                + "; refusing to use a key another user controls"), e.getMessage());
    }

    @Test
    void aDamagedKeyFileIsRefusedWithAClearMessage() throws IOException {
        Path dir = home.resolve("damaged");
        KeyPair keys = UserKeys.loadOrCreate(dir);
        Path file = UserKeys.keyFile(dir);
        KeyPair other = KeyPair.generate();
        Files.writeString(file, Files.readString(file).replace(keys.secretKey(), other.secretKey()));
        // the pair is checked when its secret key is first used (a same-host command never uses it)
        KeyPair damaged = UserKeys.load(file);
        assertEquals(keys.publicKey(), damaged.publicKey());
        KeyFileException e = assertThrows(KeyFileException.class, damaged::secretKey);
        assertTrue(e.getMessage().startsWith("the key file " + file + " holds no valid key pair (the secret key does "
                + "not belong to public key " + keys.publicKey()), e.getMessage());
        assertThrows(KeyFileException.class, () -> CurveSecurity.forUser(damaged).applyToClient(null),
                "a CURVE socket is never set up with it");
        Files.writeString(file, "curve\n    public-key = \"" + keys.publicKey() + "\"\n");
        assertTrue(assertThrows(KeyFileException.class, () -> UserKeys.load(file)).getMessage()
                .contains("has no secret-key line"));
    }

    @Test
    void keysAreCheckedWhenBuilt() {
        KeyPair a = KeyPair.generate();
        KeyPair b = KeyPair.generate();
        assertNotEquals(a.publicKey(), b.publicKey());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new KeyPair(a.publicKey(), b.secretKey()));
        assertTrue(mismatch.getMessage().startsWith("the secret key does not belong to public key"));
        assertEquals("a CURVE public key is 40 characters of Z85 text, got 5 characters",
                assertThrows(IllegalArgumentException.class, () -> KeyPair.checkPublicKey("short")).getMessage());
        assertEquals("a CURVE public key is Z85 text; character 1 is not a Z85 character",
                assertThrows(IllegalArgumentException.class,
                        () -> KeyPair.checkPublicKey("~" + a.publicKey().substring(1))).getMessage());
    }

    @Test
    void theDirectoryComesFromThePropertyThenTheEnvironment() {
        String saved = System.getProperty(UserKeys.DIR_PROPERTY);
        try {
            System.setProperty(UserKeys.DIR_PROPERTY, home.toString());
            assertEquals(home, UserKeys.defaultDirectory());
            System.clearProperty(UserKeys.DIR_PROPERTY);
            String env = System.getenv(UserKeys.DIR_ENV);
            Path expected = env != null && !env.isBlank() ? Path.of(env)
                    : System.getenv("XDG_CONFIG_HOME") != null ? Path.of(System.getenv("XDG_CONFIG_HOME"), "pyacq", "keys")
                    : Path.of(System.getProperty("user.home"), ".config", "pyacq", "keys");
            assertEquals(expected, UserKeys.defaultDirectory());
        } finally {
            if (saved != null) {
                System.setProperty(UserKeys.DIR_PROPERTY, saved);
            }
        }
    }
}

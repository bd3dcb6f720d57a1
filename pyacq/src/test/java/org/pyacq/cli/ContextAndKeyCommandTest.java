package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.transport.AuthorizedKeys;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.UserKeys;

/** {@code pyacq context} and {@code pyacq key} through the real entry point, on files of a temporary directory. */
class ContextAndKeyCommandTest {
    @TempDir
    Path dir;
    private String savedContexts;
    private String savedKeys;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void files() {
        savedContexts = System.setProperty(Contexts.FILE_PROPERTY, dir.resolve("cfg/contexts.json").toString());
        savedKeys = System.setProperty(UserKeys.DIR_PROPERTY, dir.resolve("keys").toString());
    }

    @AfterEach
    void restore() {
        restore(Contexts.FILE_PROPERTY, savedContexts);
        restore(UserKeys.DIR_PROPERTY, savedKeys);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PyacqCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void contextsAreAddedListedUsedAndRemoved() throws Exception {
        String key = KeyPair.generate().publicKey();
        Run added = run("context", "add", "lab2", "tcp://lab2:7600", "--server-key=" + key, "--description", "rig");
        assertEquals(0, added.code, added::toString);
        Path file = dir.resolve("cfg/contexts.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Run ls = run("context", "ls");
        assertTrue(ls.out.contains("* local") && ls.out.contains("  lab2") && ls.out.contains("tcp://lab2:7600")
                && ls.out.contains(KeyPair.fingerprint(key)) && ls.out.contains("rig"), ls.out);
        assertEquals(0, run("context", "use", "lab2").code);
        Contexts read = Contexts.read(file);
        assertEquals("lab2", read.current());
        assertEquals(new Contexts.Context("tcp://lab2:7600", key, "rig"), read.get("lab2"));
        Run show = run("context", "show", "--json");
        assertTrue(show.out.contains("\"name\":\"lab2\"") && show.out.contains("\"current\":true"), show.out);
        assertEquals(0, run("context", "rm", "lab2").code);
        assertEquals(null, Contexts.read(file).current(), "removing the context in use goes back to local");
    }

    @Test
    void badContextInputSaysWhatWasWrong() {
        Run noKey = run("context", "add", "lab2", "tcp://lab2:7600");
        assertEquals(CliExitCodes.USAGE, noKey.code);
        assertTrue(noKey.err.contains("add needs the daemon's public key"), noKey.err);
        Run badAddress = run("context", "add", "lab2", "lab2:7600", "--server-key=" + KeyPair.generate().publicKey());
        assertEquals(CliExitCodes.USAGE, badAddress.code);
        assertTrue(badAddress.err.contains("is not a ZeroMQ address"), badAddress.err);
        Run badKey = run("context", "add", "lab2", "tcp://lab2:7600", "--server-key", "nokey");
        assertEquals(CliExitCodes.USAGE, badKey.code);
        assertTrue(badKey.err.contains("'nokey' is neither a public key"), badKey.err);
        Run local = run("context", "add", "local", "tcp://lab2:7600", "--server-key=" + KeyPair.generate().publicKey());
        assertEquals(CliExitCodes.USAGE, local.code);
        assertTrue(local.err.contains("'local' is the built-in context"), local.err);
        Run unknown = run("--context", "nowhere", "ps");
        assertEquals(CliExitCodes.USAGE, unknown.code);
        assertTrue(unknown.err.contains("there is no context 'nowhere'"), unknown.err);
        Run both = run("--context", "x", "--daemon", "tcp://h:1", "ps");
        assertEquals(CliExitCodes.USAGE, both.code);
        Run action = run("context", "frobnicate");
        assertEquals(CliExitCodes.USAGE, action.code);
        assertTrue(action.err.contains("unknown action 'frobnicate'"), action.err);
        assertFalse(Files.exists(dir.resolve("cfg/contexts.json")), "nothing was written");
    }

    @Test
    void keysAreShownAuthorizedListedAndRevoked() throws Exception {
        Run shown = run("key", "show", "--host", "lab2");
        assertEquals(0, shown.code, shown::toString);
        KeyPair mine = UserKeys.load(UserKeys.keyFile(dir.resolve("keys")));
        AuthorizedKeys.Entry entry = AuthorizedKeys.parse("me", shown.out);
        assertEquals(mine.publicKey(), entry.publicKey());
        assertFalse(shown.out.contains(mine.secretKey()), "show prints no secret");
        Path pub = dir.resolve("lab2.pub");
        Files.writeString(pub, shown.out);
        Run authorized = run("key", "authorize", "lab2", pub.toString());
        assertEquals(0, authorized.code, authorized::toString);
        Run other = run("key", "authorize", "alice", "--", KeyPair.generate().publicKey());   // a Z85 key may start with '-' 
        assertEquals(0, other.code, other::toString);
        Run ls = run("key", "ls");
        assertTrue(ls.out.contains("lab2") && ls.out.contains(mine.fingerprint()) && ls.out.contains("alice"), ls.out);
        assertEquals(java.util.List.of("lab2"), AuthorizedKeys.in(dir.resolve("keys/authorized")).entries().stream()
                .filter(e -> !e.hosts().isEmpty()).map(AuthorizedKeys.Entry::name).toList(), "the file's hosts are kept");
        Run secret = run("key", "authorize", "bad", UserKeys.keyFile(dir.resolve("keys")).toString());
        assertEquals(CliExitCodes.USAGE, secret.code);
        assertTrue(secret.err.contains("it holds a secret key"), secret.err);
        assertEquals(0, run("key", "revoke", "alice").code);
        assertEquals(CliExitCodes.USAGE, run("key", "revoke", "alice").code);
        assertFalse(run("key", "ls").out.contains("alice"));
    }
}

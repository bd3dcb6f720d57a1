package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void historyLivesInTheXdgStateDirectoryOrUnderHome() {
        Path home = Path.of("/home/u");
        assertEquals(Path.of("/state/pyacq/repl_history"), HistoryFile.location(Map.of("XDG_STATE_HOME", "/state"), home));
        assertEquals(Path.of("/home/u/.local/state/pyacq/repl_history"), HistoryFile.location(Map.of(), home));
        // the XDG specification ignores relative paths
        assertEquals(Path.of("/home/u/.local/state/pyacq/repl_history"),
                HistoryFile.location(Map.of("XDG_STATE_HOME", "rel"), home));
    }

    @Test
    void historyIsCreatedForItsOwnerOnly() throws Exception {
        Path file = HistoryFile.prepare(dir.resolve("state/pyacq/repl_history"));
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        HistoryFile.prepare(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}

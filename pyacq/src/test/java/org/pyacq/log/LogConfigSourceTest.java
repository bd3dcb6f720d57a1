package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which logback file a process applies on top of pyacq's setup, and what it hands on to its children. */
class LogConfigSourceTest {
    @Test
    void thePropertyWinsOverTheEnvironmentAndBlankNamesNone() {
        assertEquals(Path.of("/a.xml"), LogConfigSource.of(null, "/a.xml", "/b.xml").overlay());
        assertEquals(Path.of("/b.xml"), LogConfigSource.of(null, null, "/b.xml").overlay());
        assertNull(LogConfigSource.of(null, "", "/b.xml").overlay());
        assertEquals(Path.of("rel.xml").toAbsolutePath(), LogConfigSource.of(null, "rel.xml", null).overlay());
        assertTrue(LogConfigSource.of("/mine.xml", "/a.xml", null).overlayFile().isEmpty());
        assertTrue(LogConfigSource.of("/mine.xml", null, null).userOwnsConfiguration());
    }

    @Test
    void aChildGetsTheParentsFileUnlessItsOptionsChooseItsOwn() {
        LogConfigSource parent = LogConfigSource.of(null, "/opt/pyacq/conf/logback.xml", null);
        assertEquals(List.of("-Dpyacq.logConfig=/opt/pyacq/conf/logback.xml"),
                parent.jvmOptionsForChild(List.of("-Xmx64m"), Map.of("A", "1")));
        assertEquals(List.of(), parent.jvmOptionsForChild(List.of("-Dpyacq.logConfig=/mine.xml"), Map.of()));
        assertEquals(List.of(), parent.jvmOptionsForChild(List.of("-Dlogback.configurationFile=/mine.xml"),
                Map.of()));
        assertEquals(List.of(), parent.jvmOptionsForChild(List.of(), Map.of("PYACQ_LOG_CONFIG", "/mine.xml")));
        assertEquals(List.of(), LogConfigSource.none().jvmOptionsForChild(List.of(), Map.of()));
    }
}

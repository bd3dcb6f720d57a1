package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

class PythonLevelsTest {

    @Test
    void logbackLevelsBecomePythonNumbers() {
        assertEquals(5, PythonLevels.of(Level.TRACE));
        assertEquals(10, PythonLevels.of(Level.DEBUG));
        assertEquals(20, PythonLevels.of(Level.INFO));
        assertEquals(30, PythonLevels.of(Level.WARN));
        assertEquals(40, PythonLevels.of(Level.ERROR));
    }

    @Test
    void pythonNumbersRoundDownToALogbackLevel() {
        assertEquals(Level.TRACE, PythonLevels.toLogback(0));
        assertEquals(Level.TRACE, PythonLevels.toLogback(5));
        assertEquals(Level.DEBUG, PythonLevels.toLogback(10));
        assertEquals(Level.DEBUG, PythonLevels.toLogback(15));
        assertEquals(Level.INFO, PythonLevels.toLogback(20));
        assertEquals(Level.INFO, PythonLevels.toLogback(25));
        assertEquals(Level.WARN, PythonLevels.toLogback(30));
        assertEquals(Level.ERROR, PythonLevels.toLogback(40));
        assertEquals(Level.ERROR, PythonLevels.toLogback(50));
        assertEquals(Level.ERROR, PythonLevels.toLogback(99));
    }

    @Test
    void aPythonThresholdLetsThroughWhatPythonWould() {
        assertEquals(Level.TRACE, PythonLevels.threshold(0));
        assertEquals(Level.DEBUG, PythonLevels.threshold(10));
        assertEquals(Level.INFO, PythonLevels.threshold(15));
        assertEquals(Level.INFO, PythonLevels.threshold(20));
        assertEquals(Level.WARN, PythonLevels.threshold(30));
        assertEquals(Level.ERROR, PythonLevels.threshold(40));
        assertEquals(Level.ERROR, PythonLevels.threshold(50));
    }

    @Test
    void levelsHavePythonNames() {
        assertEquals("DEBUG", PythonLevels.name(10));
        assertEquals("INFO", PythonLevels.name(20));
        assertEquals("WARNING", PythonLevels.name(30));
        assertEquals("ERROR", PythonLevels.name(40));
        assertEquals("CRITICAL", PythonLevels.name(50));
        assertEquals("Level 25", PythonLevels.name(25));
        assertEquals(30, PythonLevels.parseName("warn"));
        assertEquals(50, PythonLevels.parseName("FATAL"));
        assertEquals(-1, PythonLevels.parseName("loud"));
    }

    @Test
    void anErrorWithACriticalMarkerIsCritical() {
        LoggingEvent e = TestEvents.event("x", Level.ERROR, "m", "t", Instant.now());
        e.addMarker(MarkerFactory.getMarker("CRITICAL"));
        assertEquals(50, PythonLevels.of(e));
        LoggingEvent plain = TestEvents.event("x", Level.ERROR, "m", "t", Instant.now());
        assertEquals(40, PythonLevels.of(plain));
    }
}

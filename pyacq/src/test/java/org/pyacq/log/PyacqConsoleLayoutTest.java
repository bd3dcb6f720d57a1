package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pyacq.transport.ProcessIdentity;

class PyacqConsoleLayoutTest {
    private static final String NL = System.lineSeparator();
    private static final String ESC = "\u001b[";
    private final LoggerContext context = TestEvents.freshContext();

    private PyacqConsoleLayout layout(String color) {
        PyacqConsoleLayout layout = new PyacqConsoleLayout();
        layout.setContext(context);
        layout.setColor(color);
        layout.start();
        return layout;
    }

    private static LoggingEvent local(Level level, String message, String thread) {
        return TestEvents.event("pyacq.test.console", level, message, thread, Instant.now());
    }

    private ILoggingEvent remote(String host, String process, String thread, int levelno, String message) {
        String json = "{\"name\": \"r\", \"msg\": \"" + message + "\", \"levelno\": " + levelno + ", \"host_name\": \""
                + host + "\", \"process_name\": \"" + process + "\", \"thread_name\": \"" + thread + "\"}";
        return LogRecordJson.decode(TestEvents.utf8(json), context);
    }

    @Test
    void aLocalRecordIsPrefixedWithThisProcesssNames() {
        String line = layout("never").doLayout(local(Level.INFO, "acquisition started", "main"));
        assertEquals("[" + ProcessIdentity.hostName() + ":" + ProcessIdentity.processName() + ":main] acquisition started"
                + NL, line);
    }

    @Test
    void aReceivedRecordIsPrefixedWithItsSendersNames() {
        String line = layout("never").doLayout(remote("acq-host", "nodegroup-1", "MainThread", 20, "ready"));
        assertEquals("[acq-host:nodegroup-1:MainThread] ready" + NL, line);
    }

    @Test
    void theExceptionFollowsTheMessage() {
        LoggingEvent e = local(Level.ERROR, "failed", "io");
        e.setThrowableProxy(new ThrowableProxy(new IllegalStateException("broken pipe")));
        String line = layout("never").doLayout(e);
        assertTrue(line.startsWith("[" + ProcessIdentity.hostName() + ":" + ProcessIdentity.processName()
                + ":io] failed" + NL + "java.lang.IllegalStateException: broken pipe" + NL + "\tat "), line);

        String json = "{\"name\": \"r\", \"msg\": \"oops\", \"levelno\": 40, \"host_name\": \"h\", \"process_name\": \"p\","
                + " \"thread_name\": \"t\", \"exc_text\": \"Traceback (most recent call last):\\nValueError: x\"}";
        String remoteLine = layout("never").doLayout(LogRecordJson.decode(TestEvents.utf8(json), context));
        assertEquals("[h:p:t] oops" + NL + "Traceback (most recent call last):\nValueError: x" + NL, remoteLine);
    }

    @Test
    void thereAreNoColoursUnlessTheyAreOn() {
        PyacqConsoleLayout never = layout("never");
        assertFalse(never.isColored());
        assertFalse(never.doLayout(local(Level.ERROR, "bad", "main")).contains(ESC));
        // the test JVM has no terminal: auto means no colour here
        assertFalse(layout("auto").doLayout(local(Level.ERROR, "bad", "main")).contains(ESC));
    }

    @Test
    void autoColourNeedsATerminalAndRespectsNoColorAndDumbTerminals() {
        Map<String, String> xterm = Map.of("TERM", "xterm-256color");
        assertTrue(ConsoleColor.AUTO.enabled(true, xterm));
        assertFalse(ConsoleColor.AUTO.enabled(false, xterm));
        assertFalse(ConsoleColor.AUTO.enabled(true, Map.of("TERM", "dumb")));
        assertFalse(ConsoleColor.AUTO.enabled(true, Map.of("TERM", "xterm", "NO_COLOR", "1")));
        assertTrue(ConsoleColor.AUTO.enabled(true, Map.of("TERM", "xterm", "NO_COLOR", "")));
        assertTrue(ConsoleColor.ALWAYS.enabled(false, Map.of("NO_COLOR", "1")));
        assertFalse(ConsoleColor.NEVER.enabled(true, xterm));
        assertEquals(ConsoleColor.ALWAYS, ConsoleColor.parse(" Always "));
        assertEquals(ConsoleColor.NEVER, ConsoleColor.parse("off"));
    }

    @Test
    void forcedColoursPaintThePrefixPerSourceAndTheMessagePerLevel() {
        PyacqConsoleLayout layout = layout("always");
        assertTrue(layout.isColored());
        String line = layout.doLayout(remote("h", "p", "t", 30, "careful"));
        assertEquals(ESC + "32m[h:p:t]" + ESC + "0m " + ESC + "1;33mcareful" + ESC + "0m" + NL, line);
        assertEquals(ESC + "32m[h:p:t]" + ESC + "0m " + ESC + "2mdetail" + ESC + "0m" + NL,
                layout.doLayout(remote("h", "p", "t", 10, "detail")));
        assertEquals(ESC + "32m[h:p:t]" + ESC + "0m plain" + NL, layout.doLayout(remote("h", "p", "t", 20, "plain")));
        assertEquals(ESC + "32m[h:p:t]" + ESC + "0m " + ESC + "1;31mbad" + ESC + "0m" + NL,
                layout.doLayout(remote("h", "p", "t", 40, "bad")));
        assertEquals(ESC + "32m[h:p:t]" + ESC + "0m " + ESC + "41mfatal" + ESC + "0m" + NL,
                layout.doLayout(remote("h", "p", "t", 50, "fatal")));
    }

    /** The escape sequence before the {@code [h:...]} prefix. */
    private static String colourOf(String line) {
        return line.substring(0, line.indexOf("[h:"));
    }

    @Test
    void eachSourceKeepsItsColourAndTheFirst18AllDiffer() {
        PyacqConsoleLayout layout = layout("always");
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < AnsiStyles.PALETTE_SIZE; i++) {
            String line = layout.doLayout(remote("h", "proc-" + i, "main", 20, "x"));
            prefixes.add(colourOf(line));
        }
        assertEquals(AnsiStyles.PALETTE_SIZE, prefixes.size(), "18 sources, 18 different colours");
        String first = layout.doLayout(remote("h", "proc-0", "main", 20, "x"));
        String again = layout.doLayout(remote("h", "proc-0", "main", 40, "y"));
        assertEquals(colourOf(first), colourOf(again));
        String otherThread = layout.doLayout(remote("h", "proc-0", "worker", 20, "x"));
        assertEquals(ESC + "32m", colourOf(otherThread), "the 19th source starts over");
    }

    @Test
    void theEncoderWritesTheLayoutsLines() {
        PyacqConsoleEncoder encoder = new PyacqConsoleEncoder();
        encoder.setContext(context);
        encoder.setColor("never");
        encoder.start();
        byte[] bytes = encoder.encode(remote("h", "p", "t", 20, "héllo"));
        assertEquals("[h:p:t] héllo" + NL, new String(bytes, StandardCharsets.UTF_8));
    }
}

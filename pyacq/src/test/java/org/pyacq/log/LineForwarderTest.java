package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LineForwarderTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final EventCollector out = new EventCollector();
    private Logger logger;

    @BeforeEach
    void collect() {
        out.setContext(context);
        out.start();
        logger = context.getLogger("pyacq.spawner");
        logger.addAppender(out);
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stdoutLinesAreInfoWithTheChildsPrefix() throws Exception {
        LineForwarder f = LineForwarder.start("child1", LineForwarder.Stream.STDOUT, text("one\ntwo\r\n\nthree"), logger, 0);
        List<ILoggingEvent> events = out.next(4);
        assertTrue(f.awaitEnd(Duration.ofSeconds(10)));
        assertEquals(List.of("[child1.stdout] one", "[child1.stdout] two", "[child1.stdout] ",
                "[child1.stdout] three"), events.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertTrue(events.stream().allMatch(e -> e.getLevel() == Level.INFO));
        assertEquals(4, f.lineCount());
        assertEquals(List.of(), f.tail());
    }

    @Test
    void stderrLinesAreWarningsAndTheLastOnesAreKept() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            s.append("line ").append(i).append('\n');
        }
        LineForwarder f = LineForwarder.start("child2", LineForwarder.Stream.STDERR, text(s.toString()), logger, 3);
        List<ILoggingEvent> events = out.next(10);
        assertTrue(f.awaitEnd(Duration.ofSeconds(10)));
        assertEquals("[child2.stderr] line 1", events.get(0).getFormattedMessage());
        assertTrue(events.stream().allMatch(e -> e.getLevel() == Level.WARN));
        assertEquals(List.of("line 8", "line 9", "line 10"), f.tail());
    }

    @Test
    void aLineWithoutEndIsForwardedInPieces() throws Exception {
        String endless = "z".repeat(LineForwarder.MAX_LINE_CHARS * 2 + 5);
        LineForwarder f = LineForwarder.start("c", LineForwarder.Stream.STDOUT, text(endless), logger, 5);
        List<ILoggingEvent> events = out.next(3);
        assertTrue(f.awaitEnd(Duration.ofSeconds(10)));
        assertEquals("[c.stdout] " + "z".repeat(LineForwarder.MAX_LINE_CHARS), events.get(0).getFormattedMessage());
        assertEquals("[c.stdout] zzzzz", events.get(2).getFormattedMessage());
    }

    @Test
    void aStreamThatFailsEndsTheForwarderAfterWhatWasRead() throws Exception {
        InputStream failing = new InputStream() {
            private final InputStream first = text("last words\npartial");

            @Override
            public int read() throws IOException {
                int b = first.read();
                if (b < 0) {
                    throw new IOException("Stream closed");
                }
                return b;
            }
        };
        LineForwarder f = LineForwarder.start("dying", LineForwarder.Stream.STDERR, failing, logger, 5);
        assertTrue(f.awaitEnd(Duration.ofSeconds(10)));
        assertTrue(f.ended());
        assertEquals(List.of("last words", "partial"), f.tail());
    }

    @Test
    void theErrorOutputOfARealChildProcessIsForwarded() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-version").start();
        child.getOutputStream().close();
        LineForwarder stdout = LineForwarder.start("jvm", LineForwarder.Stream.STDOUT, child.getInputStream(), logger, 0);
        LineForwarder stderr = LineForwarder.start("jvm", LineForwarder.Stream.STDERR, child.getErrorStream(), logger, 20);
        assertEquals(0, child.waitFor());
        assertTrue(stdout.awaitEnd(Duration.ofSeconds(10)));
        assertTrue(stderr.awaitEnd(Duration.ofSeconds(10)));
        ILoggingEvent first = out.next();
        assertEquals(Level.WARN, first.getLevel());
        assertTrue(first.getFormattedMessage().startsWith("[jvm.stderr] "), first.getFormattedMessage());
        assertTrue(stderr.tail().get(0).contains("version"), stderr.tail().toString());
        assertEquals(0, stdout.lineCount());
    }
}

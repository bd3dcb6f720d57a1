package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.rpc.ProcessIdentity;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogSetupTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final String processName = ProcessIdentity.processName();

    @AfterEach
    void restore() {
        context.stop();
        ProcessIdentity.setProcessName(processName);
    }

    private Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void aChildWithALogAddressSendsItsRecordsThereAtItsParentsLevel() throws Exception {
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            LogSetup.configureChild(context, server.address(), 20, "child-a");
            assertEquals(Level.INFO, root().getLevel());
            assertEquals("child-a", ProcessIdentity.processName());

            Logger logger = context.getLogger("child.work");
            logger.debug("below the parent's level");
            logger.info("started");
            ILoggingEvent got = received.next();
            assertEquals("started", got.getFormattedMessage());
            assertEquals("child-a", got.getMDCPropertyMap().get(PyacqMdc.PROCESS));
            assertInstanceOf(PyacqLogAppender.class, root().getAppender("pyacq-log-server"));
        }
    }

    @Test
    void theRecordsAChildLogsJustBeforeExitingReachTheServer() throws Exception {
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LoggingChild.class.getName(), server.address(), "2000", "100").redirectErrorStream(true).start();
            child.getOutputStream().close();
            LineForwarder output = LineForwarder.start("child", LineForwarder.Stream.STDOUT, child.getInputStream(),
                    context.getLogger("child.output"), 50);
            assertEquals(3, child.waitFor(), () -> String.join("\n", output.tail()));
            String padding = " " + "p".repeat(100);
            for (int i = 0; i < 2000; i++) {
                assertEquals("record " + i + padding, received.next().getFormattedMessage());
            }
            ILoggingEvent last = received.next();
            assertEquals("last words", last.getFormattedMessage());
            assertEquals("exiting-child", last.getMDCPropertyMap().get(PyacqMdc.PROCESS));
        }
    }

    @Test
    void aChildWithoutALogAddressWritesPlainLinesToStderr() {
        LogSetup.configureChild(context, null, 30, null);
        assertEquals(Level.WARN, root().getLevel());
        assertEquals(processName, ProcessIdentity.processName());
        Appender<ILoggingEvent> a = root().getAppender("pyacq-stderr");
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, a);
        assertEquals("System.err", console.getTarget());
        assertEquals(LogSetup.CHILD_STDERR_PATTERN, ((PatternLayoutEncoder) console.getEncoder()).getPattern());
    }

    @Test
    void aChildGivenABadLogAddressFallsBackToStderr() {
        LogSetup.configureChild(context, "not an address", 10, null);
        assertEquals(Level.DEBUG, root().getLevel());
        assertNotNull(root().getAppender("pyacq-stderr"));
    }

    @Test
    void theConsoleSetupSortsAndFormatsRecords() {
        TimeOrderedAppender sorted = LogSetup.configureConsole(context, 10, ConsoleColor.NEVER, 200);
        assertEquals(Level.DEBUG, root().getLevel());
        assertTrue(sorted.isStarted());
        assertEquals(sorted, root().getAppender("pyacq-console-sorted"));
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, sorted.getAppender("pyacq-stderr"));
        assertInstanceOf(PyacqConsoleEncoder.class, console.getEncoder());
        assertEquals(200, sorted.getHoldBackMillis());
    }
}

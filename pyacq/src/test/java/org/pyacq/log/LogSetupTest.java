package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.testing.Checkout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogSetupTest {
    private static final Path SHIPPED = Checkout.root().resolve("conf/logback.xml");

    private final LoggerContext context = TestEvents.freshContext();
    private final String processName = ProcessIdentity.processName();

    @AfterEach
    void restore() {
        context.stop();
        ProcessIdentity.setProcessName(processName);
    }

    @TempDir
    Path dir;

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

    // the logback file applied on top (-Dpyacq.logConfig, conf/logback.xml), and the full override


    private Path file(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), "<configuration>\n" + body + "\n</configuration>\n");
    }

    private static LogConfigSource overlay(Path file) {
        return new LogConfigSource(null, file);
    }

    @Test
    void aLoggerLevelFromTheFileTakesEffectOnTopOfTheConsoleSetup() throws Exception {
        Path file = file("levels.xml", "<logger name=\"org.zeromq\" level=\"ERROR\"/>");
        TimeOrderedAppender sorted = LogSetup.configureConsole(context, overlay(file), LogSetup.ROLE_COMMAND, 20,
                ConsoleColor.NEVER, 200);
        assertEquals(Level.ERROR, context.getLogger("org.zeromq").getLevel());
        assertEquals(Level.INFO, root().getLevel());
        assertSame(sorted, root().getAppender("pyacq-console-sorted"));
        assertTrue(sorted.isStarted());
    }

    @Test
    void aChildFiltersItsRecordsByTheFilesLevelsAndStillSendsToItsParent() throws Exception {
        Path file = file("quiet.xml", "<logger name=\"child.quiet\" level=\"WARN\"/>");
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            LogSetup.configureChild(context, overlay(file), server.address(), 20, "child-f");
            context.getLogger("child.quiet").info("held back by the file");
            context.getLogger("child.work").info("passes");
            assertEquals("passes", received.next().getFormattedMessage());
            assertEquals("child-f", context.getProperty(LogSetup.PROCESS_PROPERTY));
            assertEquals(LogSetup.ROLE_CHILD, context.getProperty(LogSetup.ROLE_PROPERTY));
        }
    }

    @Test
    void withLogbacksOwnPropertySetTheUsersConfigurationIsLeftAlone() throws Exception {
        EventCollector users = new EventCollector();
        users.setContext(context);
        users.start();
        root().addAppender(users);
        root().setLevel(Level.ERROR);
        LogConfigSource source = new LogConfigSource("/etc/my-logback.xml",
                file("ignored.xml", "<logger name=\"org.zeromq\" level=\"OFF\"/>"));

        assertNull(LogSetup.configureConsole(context, source, LogSetup.ROLE_DAEMON, 10, ConsoleColor.NEVER, 200));
        LogSetup.configureChild(context, source, null, 10, "child-u");

        assertSame(users, root().getAppender("collector"));
        assertNull(root().getAppender("pyacq-console-sorted"));
        assertNull(root().getAppender("pyacq-stderr"));
        assertEquals(Level.ERROR, root().getLevel());
        assertNull(context.getLogger("org.zeromq").getLevel());
        assertEquals("child-u", ProcessIdentity.processName());
    }

    @Test
    void aMalformedFileGivesAWarningNamingItAndLoggingGoesOn() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.xml"), "<configuration>\n<logger name=\"x\">\n</configuration>\n");
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            LogSetup.configureChild(context, overlay(file), server.address(), 20, "child-b");
            ILoggingEvent warning = received.next();
            assertEquals(Level.WARN, warning.getLevel());
            String text = warning.getFormattedMessage();
            assertTrue(text.startsWith("log configuration " + file + " not applied (using pyacq's built-in logging "
                    + "setup instead): "), text);
            assertTrue(text.contains("line 3"), text);
            context.getLogger("child.work").info("still logging");
            assertEquals("still logging", received.next().getFormattedMessage());
        }
    }

    @Test
    void aFileWithAnErrorIsNotAppliedEvenInPart() throws Exception {
        Path file = file("half.xml", "<logger name=\"child.work\" level=\"ERROR\"/>\n"
                + "<appender name=\"X\" class=\"no.such.Appender\"/>\n"
                + "<root><appender-ref ref=\"X\"/></root>");
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            LogSetup.configureChild(context, overlay(file), server.address(), 20, "child-h");
            String text = received.next().getFormattedMessage();
            assertTrue(text.startsWith("log configuration " + file + " not applied"), text);
            assertTrue(text.contains("no.such.Appender"), text);
            assertNull(context.getLogger("child.work").getLevel());
            assertInstanceOf(PyacqLogAppender.class, root().getAppender("pyacq-log-server"));
            context.getLogger("child.work").info("still at info");
            assertEquals("still at info", received.next().getFormattedMessage());
        }
    }

    @Test
    void aMissingFileIsReportedAndTheBaseStays() throws Exception {
        Path missing = dir.resolve("nowhere.xml");
        EventCollector received = new EventCollector();
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            LogSetup.configureChild(context, overlay(missing), server.address(), 20, "child-m");
            assertEquals("log configuration " + missing + " not applied (using pyacq's built-in logging setup "
                    + "instead): the file does not exist or cannot be read", received.next().getFormattedMessage());
        }
    }

    @Test
    void theShippedFileAppliesCleanly() {
        assertTrue(Files.isRegularFile(SHIPPED), "run from the project directory");
        assertEquals(List.of(), LogConfigOverlay.apply(context, SHIPPED));
        assertEquals(Level.WARN, context.getLogger("org.zeromq").getLevel());
        assertNull(root().getAppender("FILE"));
    }

    @Test
    void theShippedDaemonLogFileExampleWorksWhenUncommented() throws Exception {
        String shipped = Files.readString(SHIPPED);
        int at = shipped.indexOf("A log file for the daemon");
        String example = shipped.substring(shipped.indexOf("<condition", at), shipped.indexOf("</if>", at) + 5)
                .replace("${user.home}", dir.toString());
        Path file = file("example.xml", example);

        LogSetup.configureConsole(context, overlay(file), LogSetup.ROLE_COMMAND, 20, ConsoleColor.NEVER, 200);
        assertNull(root().getAppender("FILE"), "the pyacq command writes no file");

        LogSetup.configureConsole(context, overlay(file), LogSetup.ROLE_DAEMON, 20, ConsoleColor.NEVER, 200);
        RollingFileAppender<?> appender = assertInstanceOf(RollingFileAppender.class, root().getAppender("FILE"));
        assertNotNull(root().getAppender("pyacq-console-sorted"));
        root().info("to the daemon's file");
        context.stop();
        assertEquals(dir.resolve(".local/state/pyacq/pyacqd.log").toString(), appender.getFile());
        assertTrue(Files.readString(Path.of(appender.getFile())).contains("to the daemon's file"));
    }
}

package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The appender sends over a real socket, never blocks the logging thread, and flushes on stop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PyacqLogAppenderTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final EventCollector received = new EventCollector();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private PyacqLogAppender appender(String address, int queueSize, int sendHwm) {
        PyacqLogAppender a = new PyacqLogAppender();
        a.setContext(context);
        a.setName("test-sender");
        a.setAddress(address);
        a.setQueueSize(queueSize);
        a.setSendHighWaterMark(sendHwm);
        a.setFlushTimeoutMillis(5000);
        a.start();
        assertTrue(a.isStarted());
        return a;
    }

    /** An address where nothing listens now: a server's, after it closed. */
    private static String unusedAddress() {
        try (LogServer probe = LogServer.builder().target(e -> { }).build().start()) {
            return probe.address();
        }
    }

    private static boolean isDropReport(ILoggingEvent e) {
        return e.getLoggerName().equals(PyacqLogAppender.class.getName());
    }

    @Test
    void loggingNeverBlocksWhileTheServerIsAbsentAndDropsAreReportedLater() throws Exception {
        String address = unusedAddress();
        PyacqLogAppender appender = appender(address, 16, 8);
        Logger logger = context.getLogger("pyacq.test.absent");
        logger.addAppender(appender);

        int total = 2000;
        for (int i = 0; i < total; i++) {
            logger.info("record {}", i);   // would hang here (and time out) if sending blocked
        }
        long dropped = appender.droppedCount();
        assertTrue(dropped > 0, "nothing dropped although the queue holds 16 and the socket 8");
        assertTrue(dropped <= total - 16, "dropped " + dropped);

        try (LogServer server = LogServer.builder().address(address).target(received).build().start()) {
            assertEquals(address, server.address());
            long records = 0;
            long reported = 0;
            String last = null;
            while (records + reported < total) {
                ILoggingEvent e = received.next();
                if (isDropReport(e)) {
                    assertEquals(Level.WARN, e.getLevel());
                    String message = e.getFormattedMessage();
                    assertTrue(message.contains(" log records were dropped here ("), message);
                    reported += Long.parseLong(message.substring(0, message.indexOf(' ')));
                } else {
                    records++;
                    last = e.getFormattedMessage();
                }
            }
            assertEquals(dropped, reported, "the reports count every dropped record");
            assertEquals(total - dropped, records);
            assertEquals("record " + (total - 1), last, "the oldest are dropped, the newest kept");
        }
        appender.stop();
    }

    @Test
    void stopSendsWhatIsStillQueued() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            PyacqLogAppender appender = appender(server.address(), 8192, 1000);
            Logger logger = context.getLogger("pyacq.test.flush");
            logger.addAppender(appender);
            int total = 3000;
            for (int i = 0; i < total; i++) {
                logger.info("record {}", i);
            }
            appender.stop();
            assertEquals(0, appender.droppedCount());
            for (int i = 0; i < total; i++) {
                assertEquals("record " + i, received.next().getFormattedMessage());
            }
        }
    }

    @Test
    void stopWaitsOutAStalledHandshakeSoQueuedRecordsAreNotLost() throws Exception {
        // A peer that accepts the TCP connection but never greets: what JeroMQ's fresh-connection
        // stall looks like from the sender. The handshake times out and the sender redials.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Socket stalled = null;
        try {
            silent.setSoTimeout(20_000);
            String address = "tcp://127.0.0.1:" + silent.getLocalPort();
            PyacqLogAppender appender = new PyacqLogAppender();
            appender.setContext(context);
            appender.setAddress(address);
            appender.start();
            Logger logger = context.getLogger("pyacq.test.stall");
            logger.addAppender(appender);
            for (int i = 0; i < 10; i++) {
                logger.info("record {}", i);
            }
            stalled = silent.accept();
            silent.close();   // the redial goes to the real server below
            try (LogServer server = LogServer.builder().address(address).target(received).build().start()) {
                assertEquals(address, server.address());
                appender.stop();   // its flush timeout (1 s) ends before the handshake interval (2 s)
                for (int i = 0; i < 10; i++) {
                    assertEquals("record " + i, received.next().getFormattedMessage());
                }
            }
        } finally {
            silent.close();
            if (stalled != null) {
                stalled.close();
            }
        }
    }

    @Test
    void theAppenderIsConfiguredFromLogbackXml() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            String xml = "<configuration>"
                    + "<appender name='PYACQ' class='org.pyacq.log.PyacqLogAppender'>"
                    + "<address>" + server.address() + "</address><queueSize>100</queueSize>"
                    + "</appender>"
                    + "<root level='DEBUG'><appender-ref ref='PYACQ'/></root>"
                    + "</configuration>";
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

            context.getLogger("from.xml").debug("configured in {}", "xml");
            ILoggingEvent got = received.next();
            assertEquals("from.xml", got.getLoggerName());
            assertEquals(Level.DEBUG, got.getLevel());
            assertEquals("configured in xml", got.getFormattedMessage());
            context.stop();
        }
    }

    @Test
    void aMessageTooLargeForTheServerIsCutToFit() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            PyacqLogAppender appender = appender(server.address(), 100, 100);
            Logger logger = context.getLogger("pyacq.test.large");
            logger.addAppender(appender);
            logger.info("x".repeat(2_000_000));
            String message = received.next().getFormattedMessage();
            assertTrue(message.startsWith("xxxx"));
            assertTrue(message.endsWith(" more characters cut]"), message.substring(message.length() - 60));
            assertTrue(message.length() < 100_000);
            appender.stop();
        }
    }

    @Test
    void manyFreshSendersAllGetThrough() throws Exception {
        // JeroMQ sometimes leaves a fresh connection silent until its handshake interval runs out
        int senders = 40;
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            java.util.List<PyacqLogAppender> appenders = new java.util.ArrayList<>();
            for (int i = 0; i < senders; i++) {
                PyacqLogAppender a = appender(server.address(), 10, 10);
                appenders.add(a);
                a.doAppend(TestEvents.event("fresh", Level.INFO, "sender " + i, "t", java.time.Instant.now()));
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < senders; i++) {
                seen.add(received.next().getFormattedMessage());
            }
            assertEquals(senders, seen.size());
            appenders.forEach(PyacqLogAppender::stop);
        }
    }

    @Test
    void anAppenderWithoutAnAddressDoesNotStart() {
        PyacqLogAppender a = new PyacqLogAppender();
        a.setContext(context);
        a.setName("nowhere");
        a.start();
        assertFalse(a.isStarted());
        boolean said = context.getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getMessage().contains("no address given"));
        assertTrue(said);
    }
}

package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.transport.TransportException;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** A log server receives records over real sockets, from our appender and from Python-style senders. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogServerTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final EventCollector received = new EventCollector();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    /** A raw PUSH socket, as Python pyacq's LogSender uses. */
    private static ZMQ.Socket rawSender(String address) {
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.PUSH);
        s.setLinger(1000);
        DefaultSecurity.get().applyToClient(s);
        s.connect(address);
        return s;
    }

    private static String record(String logger, String message) {
        return "{\"name\": \"" + logger + "\", \"msg\": \"" + message + "\", \"levelno\": 20, \"levelname\": \"INFO\", "
                + "\"created\": 1712345678.5, \"process_name\": \"py\", \"thread_name\": \"MainThread\", \"host_name\": \"h\"}";
    }

    @Test
    void recordsSentByTheAppenderKeepTheirFields() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            PyacqLogAppender appender = new PyacqLogAppender();
            appender.setContext(context);
            appender.setAddress(server.address());
            appender.start();
            EventCollector local = new EventCollector();
            local.setContext(context);
            local.start();
            Logger logger = context.getLogger("pyacq.test.roundtrip");
            logger.addAppender(appender);
            logger.addAppender(local);
            Exception error = new IllegalStateException("range check", new ArithmeticException("overflow"));
            Thread worker = new Thread(() -> logger.warn("value {} out of range", 12, error), "worker-7");
            worker.start();
            worker.join();

            ILoggingEvent sent = local.next();
            ILoggingEvent got = received.next();
            assertEquals("pyacq.test.roundtrip", got.getLoggerName());
            assertEquals(Level.WARN, got.getLevel());
            assertEquals("value 12 out of range", got.getFormattedMessage());
            assertEquals("worker-7", got.getThreadName());
            assertEquals(ProcessIdentity.hostName(), got.getMDCPropertyMap().get(PyacqMdc.HOST));
            assertEquals(ProcessIdentity.processName(), got.getMDCPropertyMap().get(PyacqMdc.PROCESS));
            assertEquals(Long.toString(ProcessHandle.current().pid()), got.getMDCPropertyMap().get(PyacqMdc.PID));
            long skewNanos = Math.abs(Duration.between(sent.getInstant(), got.getInstant()).toNanos());
            assertTrue(skewNanos <= 1000, "timestamps differ by " + skewNanos + " ns, more than a float's microsecond");
            String trace = LogRecordJson.exceptionText(sent);
            assertTrue(trace.contains("Caused by: java.lang.ArithmeticException: overflow"), trace);
            assertEquals(trace, got.getMDCPropertyMap().get(PyacqMdc.EXC_TEXT));
            assertEquals(trace, got.getThrowableProxy().getMessage());
            appender.stop();
        }
    }

    @Test
    void aRecordWrittenAsPythonPyacqWritesItIsAccepted() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            ZMQ.Socket python = rawSender(server.address());
            try {
                python.send(TestEvents.utf8(TestEvents.PYTHON_RECORD), 0);
                ILoggingEvent got = received.next();
                assertEquals("pyacq.core.stream", got.getLoggerName());
                assertEquals(Level.WARN, got.getLevel());
                assertEquals("30", got.getMDCPropertyMap().get(PyacqMdc.LEVELNO));
                assertEquals(Instant.ofEpochSecond(1712345678, 123456000), got.getInstant());
                assertEquals("nodegroup-1", got.getMDCPropertyMap().get(PyacqMdc.PROCESS));
                assertEquals("acq-host", got.getMDCPropertyMap().get(PyacqMdc.HOST));
                assertEquals("MainThread", got.getThreadName());
                assertEquals(1, server.received());
            } finally {
                python.close();
            }
        }
    }

    @Test
    void malformedFramesAreDroppedWithOneWarningAndTheServerKeepsWorking() throws Exception {
        Logger serverLog = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(LogServer.class);
        EventCollector warnings = new EventCollector();
        warnings.setContext(serverLog.getLoggerContext());
        warnings.start();
        serverLog.addAppender(warnings);
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            ZMQ.Socket sender = rawSender(server.address());
            try {
                sender.send("not json at all", 0);
                sender.send("[1, 2, 3]", 0);
                sender.send("{\"name\": \"a\"}", ZMQ.SNDMORE);
                sender.send("{\"name\": \"b\"}", 0);
                sender.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00}, 0);
                sender.send(TestEvents.utf8(record("still.working", "after the garbage")), 0);

                ILoggingEvent got = received.next();
                assertEquals("after the garbage", got.getFormattedMessage());
                // one sender's messages arrive in order: all the bad ones were seen before
                assertEquals(4, server.dropped());
                assertEquals(1, server.received());
                ILoggingEvent warning = warnings.next();
                assertEquals(Level.WARN, warning.getLevel());
                assertTrue(warning.getFormattedMessage().startsWith("log server at " + server.address()
                        + " dropped a malformed log record (not a JSON log record: "), warning.getFormattedMessage());
                assertNull(warnings.poll(), "the other three are only counted");
            } finally {
                sender.close();
                serverLog.detachAppender(warnings);
            }
        }
    }

    @Test
    void aFrameOverTheSizeLimitIsNeverDelivered() throws Exception {
        try (LogServer server = LogServer.builder().target(received).maxRecordBytes(4096).build().start()) {
            ZMQ.Socket hostile = rawSender(server.address());
            ZMQ.Socket honest = rawSender(server.address());
            try {
                hostile.send(TestEvents.utf8(record("big", "x".repeat(64 * 1024))), 0);
                honest.send(TestEvents.utf8(record("small", "first")), 0);
                honest.send(TestEvents.utf8(record("small", "second")), 0);
                assertEquals("first", received.next().getFormattedMessage());
                assertEquals("second", received.next().getFormattedMessage());
                assertEquals(2, server.received());
            } finally {
                hostile.close();
                honest.close();
            }
        }
    }

    @Test
    void byDefaultRecordsGoToTheAppendersOfTheLoggerOfTheirName() throws Exception {
        EventCollector appenderHere = new EventCollector();
        appenderHere.setContext(context);
        appenderHere.start();
        Logger childLogger = context.getLogger("child.module");
        childLogger.addAppender(appenderHere);
        childLogger.setLevel(Level.ERROR);   // the sender already applied its own level
        try (LogServer server = LogServer.builder().loggerContext(context).build().start()) {
            ZMQ.Socket sender = rawSender(server.address());
            try {
                sender.send(TestEvents.utf8(record("child.module", "through my appenders")), 0);
                ILoggingEvent got = appenderHere.next();
                assertEquals("through my appenders", got.getFormattedMessage());
                assertEquals(Level.INFO, got.getLevel());
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void aFailingTargetDoesNotStopTheServer() throws Exception {
        AtomicBoolean first = new AtomicBoolean(true);
        try (LogServer server = LogServer.builder().target(e -> {
            if (first.getAndSet(false)) {
                throw new IllegalStateException("sink is full");
            }
            received.accept(e);
        }).build().start()) {
            ZMQ.Socket sender = rawSender(server.address());
            try {
                sender.send(TestEvents.utf8(record("a", "refused")), 0);
                sender.send(TestEvents.utf8(record("a", "accepted")), 0);
                assertEquals("accepted", received.next().getFormattedMessage());
                assertEquals(1, server.dropped());
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void aRecordGoingRoundInALoopIsDropped() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            ZMQ.Socket sender = rawSender(server.address());
            try {
                String looping = record("loop", "again").replace("{", "{\"pyacq_hops\": " + LogServer.MAX_HOPS + ", ");
                sender.send(TestEvents.utf8(looping), 0);
                sender.send(TestEvents.utf8(record("loop", "once")), 0);
                assertEquals("once", received.next().getFormattedMessage());
                assertEquals(1, server.dropped());
                assertNull(received.poll());
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void bindingAnAddressInUseFailsWithAClearMessageAndCloseFreesIt() throws Exception {
        String address;
        try (LogServer first = LogServer.builder().target(received).build().start()) {
            address = first.address();
            TransportException e = assertThrows(TransportException.class,
                    () -> LogServer.builder().address(address).target(received).build().start());
            assertEquals("cannot bind " + address + ": the address is already in use; choose another port or use "
                    + "port * to take a free one", e.getMessage());
        }
        try (LogServer again = LogServer.builder().address(address).target(received).build().start()) {
            assertEquals(address, again.address());
        }
    }
}

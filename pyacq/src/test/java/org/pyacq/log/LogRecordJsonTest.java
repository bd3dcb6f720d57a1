package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;

class LogRecordJsonTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final Logger logger = context.getLogger("pyacq.test.records");

    private LoggingEvent logged(Level level, String format, Object arg, Throwable error) {
        return new LoggingEvent(Logger.class.getName(), logger, level, format, error, new Object[] {arg});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reparse(byte[] json) {
        return (Map<String, Object>) Serializers.JSON.decode(ByteBuffer.wrap(json), ValueMapper.PLAIN);
    }

    @Test
    void anEventBecomesARecordWithPythonsFields() {
        LoggingEvent e = logged(Level.WARN, "disk {} full", "sda", null);
        Map<String, Object> r = reparse(LogRecordJson.encode(e, 77));

        assertEquals(List.of("name", "msg", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
                "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread",
                "threadName", "processName", "process", "process_name", "thread_name", "host_name"),
                List.copyOf(r.keySet()));
        assertEquals("pyacq.test.records", r.get("name"));
        assertEquals("disk sda full", r.get("msg"));
        assertEquals(30, r.get("levelno"));
        assertEquals("WARNING", r.get("levelname"));
        Instant t = e.getInstant();
        assertEquals(t.getEpochSecond() + t.getNano() / 1e9, (Double) r.get("created"), 1e-6);
        assertEquals((double) (t.getNano() / 1_000_000), r.get("msecs"));
        assertInstanceOf(Double.class, r.get("relativeCreated"));
        assertEquals(77, ((Number) r.get("thread")).intValue());
        assertEquals(Thread.currentThread().getName(), r.get("threadName"));
        assertEquals(Thread.currentThread().getName(), r.get("thread_name"));
        assertEquals(ProcessHandle.current().pid(), ((Number) r.get("process")).longValue());
        assertEquals(ProcessIdentity.processName(), r.get("processName"));
        assertEquals(ProcessIdentity.processName(), r.get("process_name"));
        assertEquals(ProcessIdentity.hostName(), r.get("host_name"));
        assertTrue(r.containsKey("exc_info"));
        assertNull(r.get("exc_info"));
        assertNull(r.get("exc_text"));
        assertNull(r.get("stack_info"));
        assertFalse(r.containsKey("pyacq_hops"));
    }

    @Test
    void callerDataIsSentOnlyWhenItWasAlreadyComputed() {
        LoggingEvent e = logged(Level.INFO, "hello {}", 1, null);
        Map<String, Object> without = reparse(LogRecordJson.encode(e, 0));
        assertFalse(e.hasCallerData(), "encoding must not compute caller data");
        assertEquals("(unknown function)", without.get("funcName"));
        assertEquals("(unknown file)", without.get("pathname"));
        assertEquals(0, without.get("lineno"));

        e.setCallerData(new StackTraceElement[] {
            new StackTraceElement("org.pyacq.demo.Acquirer", "poll", "Acquirer.java", 42)});
        Map<String, Object> with = reparse(LogRecordJson.encode(e, 0));
        assertEquals("poll", with.get("funcName"));
        assertEquals(42, with.get("lineno"));
        assertEquals("Acquirer.java", with.get("filename"));
        assertEquals("Acquirer", with.get("module"));
        assertEquals("org/pyacq/demo/Acquirer.java", with.get("pathname"));
    }

    @Test
    void exceptionTextIsTheStackTraceWithCauses() {
        Exception error = new IllegalStateException("outer", new java.io.IOException("inner"));
        Map<String, Object> r = reparse(LogRecordJson.encode(logged(Level.ERROR, "failed {}", "x", error), 0));
        String text = (String) r.get("exc_text");
        assertTrue(text.startsWith("java.lang.IllegalStateException: outer\n\tat "), text);
        assertTrue(text.contains("\nCaused by: java.io.IOException: inner"), text);
        assertFalse(text.endsWith("\n"), "Python's exc_text has no final newline");
        assertNull(r.get("exc_info"));
    }

    @Test
    void aRecordAsPythonPyacqSendsItBecomesAnEvent() {
        ILoggingEvent e = LogRecordJson.decode(TestEvents.utf8(TestEvents.PYTHON_RECORD), context);

        assertEquals("pyacq.core.stream", e.getLoggerName());
        assertEquals(Level.WARN, e.getLevel());
        assertEquals("buffer overrun on stream 3", e.getFormattedMessage());
        assertEquals("MainThread", e.getThreadName());
        assertEquals(Instant.ofEpochSecond(1712345678, 123456000), e.getInstant());
        Map<String, String> mdc = e.getMDCPropertyMap();
        assertEquals("acq-host", mdc.get(PyacqMdc.HOST));
        assertEquals("nodegroup-1", mdc.get(PyacqMdc.PROCESS));
        assertEquals("4242", mdc.get(PyacqMdc.PID));
        assertEquals("30", mdc.get(PyacqMdc.LEVELNO));
        assertEquals("1", mdc.get(PyacqMdc.HOPS));
        String trace = "Traceback (most recent call last):\n  File \"stream.py\", line 12, in send\nValueError: overrun";
        assertEquals(trace, mdc.get(PyacqMdc.EXC_TEXT));
        assertEquals(RemoteTraceback.class.getName(), e.getThrowableProxy().getClassName());
        assertEquals(trace, e.getThrowableProxy().getMessage());
        StackTraceElement caller = e.getCallerData()[0];
        assertEquals("stream", caller.getClassName());
        assertEquals("send", caller.getMethodName());
        assertEquals("stream.py", caller.getFileName());
        assertEquals(212, caller.getLineNumber());
    }

    @Test
    void missingKeysGetDefaults() {
        Instant before = Instant.now();
        ILoggingEvent e = LogRecordJson.decode(TestEvents.utf8("{}"), context);
        Instant after = Instant.now();
        assertEquals("root", e.getLoggerName());
        assertEquals(Level.INFO, e.getLevel());
        assertEquals("", e.getFormattedMessage());
        assertEquals("unknown", e.getThreadName());
        assertEquals("unknown", e.getMDCPropertyMap().get(PyacqMdc.HOST));
        assertEquals("unknown", e.getMDCPropertyMap().get(PyacqMdc.PROCESS));
        assertFalse(e.getInstant().isBefore(before) || e.getInstant().isAfter(after));
        assertNull(e.getThrowableProxy());
        assertEquals(0, e.getCallerData().length, "caller data must not come from the receiving thread");
    }

    @Test
    void pythonFallbackNamesAreUsedWhenPyacqsAreMissing() {
        ILoggingEvent e = LogRecordJson.decode(TestEvents.utf8(
                "{\"name\": \"x\", \"levelname\": \"ERROR\", \"threadName\": \"Thread-3\", \"process\": 99}"), context);
        assertEquals(Level.ERROR, e.getLevel());
        assertEquals("Thread-3", e.getThreadName());
        assertEquals("process-99", e.getMDCPropertyMap().get(PyacqMdc.PROCESS));
    }

    @Test
    void unknownKeysAndOddValuesAreTolerated() {
        String json = "{\"name\": \"x\", \"msg\": {\"a\": [1, 2]}, \"levelno\": \"40\", \"created\": \"12.5\","
                + " \"lineno\": \"many\", \"extra\": {\"___type_name___\": \"proxy\", \"deep\": [[[{}]]]},"
                + " \"relativeCreated\": NaN, \"thread_name\": 7}";
        ILoggingEvent e = LogRecordJson.decode(TestEvents.utf8(json), context);
        assertEquals("{\"a\":[1,2]}", e.getFormattedMessage());
        assertEquals(Level.ERROR, e.getLevel());
        assertEquals(Instant.ofEpochSecond(12, 500_000_000), e.getInstant());
        assertEquals("7", e.getThreadName());
    }

    @Test
    void framesThatAreNotAJsonObjectAreRejected() {
        for (String bad : new String[] {"", "not json", "[1, 2]", "\"text\"", "{\"name\": \"x\"", "{} {}", "{\"a\": }"}) {
            MalformedLogRecordException e = assertThrows(MalformedLogRecordException.class,
                    () -> LogRecordJson.decode(TestEvents.utf8(bad), context), bad);
            assertFalse(e.getMessage().isBlank());
        }
        assertEquals("a log record must be a JSON object, got a list", assertThrows(MalformedLogRecordException.class,
                () -> LogRecordJson.decode(TestEvents.utf8("[1]"), context)).getMessage());
    }

    @Test
    void aReceivedEventIsSentOnWithItsOrigin() {
        String json = TestEvents.PYTHON_RECORD.replace("\"levelno\": 30", "\"levelno\": 50")
                .replace("\"WARNING\"", "\"CRITICAL\"");
        ILoggingEvent received = LogRecordJson.decode(TestEvents.utf8(json), context);
        assertEquals(Level.ERROR, received.getLevel());

        Map<String, Object> r = reparse(LogRecordJson.encode(received, 0));
        assertEquals(50, r.get("levelno"));
        assertEquals("CRITICAL", r.get("levelname"));
        assertEquals("acq-host", r.get("host_name"));
        assertEquals("nodegroup-1", r.get("process_name"));
        assertEquals("MainThread", r.get("thread_name"));
        assertEquals(4242, ((Number) r.get("process")).intValue());
        assertEquals(1712345678.123456, (Double) r.get("created"), 1e-6);
        assertEquals("send", r.get("funcName"));
        assertEquals(212, r.get("lineno"));
        assertTrue(((String) r.get("exc_text")).endsWith("ValueError: overrun"));
        assertEquals(1, r.get("pyacq_hops"));
    }

    @Test
    void aHugeLoggerNameIsCut() {
        String name = "n".repeat(10_000);
        ILoggingEvent e = LogRecordJson.decode(TestEvents.utf8("{\"name\": \"" + name + "\"}"), context);
        assertEquals(LogRecordJson.MAX_NAME_LENGTH, e.getLoggerName().length());
    }
}

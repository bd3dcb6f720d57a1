package org.pyacq.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Hand-made events and records for tests. */
final class TestEvents {
    private TestEvents() {
    }

    /** A logger context of the test's own, not the one slf4j is bound to. */
    static LoggerContext freshContext() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        return context;
    }

    static LoggingEvent event(String logger, Level level, String message, String thread, Instant created) {
        LoggingEvent e = new LoggingEvent();
        e.setLoggerName(logger);
        e.setLevel(level);
        e.setMessage(message);
        e.setThreadName(thread);
        e.setInstant(created);
        e.setMDCPropertyMap(Map.of());
        e.setCallerData(CallerData.EMPTY_CALLER_DATA_ARRAY);
        return e;
    }

    /**
     * A record exactly as Python pyacq's LogSender writes it: {@code json.dumps} of a LogRecord's
     * {@code __dict__} (args removed) plus process_name, thread_name and host_name.
     */
    static final String PYTHON_RECORD = "{\"name\": \"pyacq.core.stream\", \"msg\": \"buffer overrun on stream 3\", "
            + "\"levelname\": \"WARNING\", \"levelno\": 30, \"pathname\": \"/usr/lib/python3/pyacq/core/stream.py\", "
            + "\"filename\": \"stream.py\", \"module\": \"stream\", \"exc_info\": null, "
            + "\"exc_text\": \"Traceback (most recent call last):\\n  File \\\"stream.py\\\", line 12, in send\\n"
            + "ValueError: overrun\", \"stack_info\": null, \"lineno\": 212, \"funcName\": \"send\", "
            + "\"created\": 1712345678.123456, \"msecs\": 123.0, \"relativeCreated\": 5012.3, "
            + "\"thread\": 140234567890, \"threadName\": \"MainThread\", \"processName\": \"MainProcess\", "
            + "\"process\": 4242, \"taskName\": null, \"process_name\": \"nodegroup-1\", \"thread_name\": \"MainThread\", "
            + "\"host_name\": \"acq-host\"}";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

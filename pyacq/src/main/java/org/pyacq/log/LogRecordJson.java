package org.pyacq.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;

/**
 * Log records on the wire (PROTOCOL.md section 8): one JSON object per record, with the fields of a
 * Python {@code logging.LogRecord} so that Python's {@code logging.makeLogRecord} accepts what we
 * send, plus pyacq's {@code process_name}, {@code thread_name} and {@code host_name}.
 *
 * <p>{@link #encode} turns a logback event into such a record; {@link #decode} turns a record from a
 * Java or Python sender into a logback event whose origin is in the {@link PyacqMdc} keys. Decoding
 * ignores keys it does not know, fills missing ones with defaults, and rejects only frames that are
 * not a JSON object.
 */
public final class LogRecordJson {
    private static final String UNKNOWN_FILE = "(unknown file)";
    private static final String UNKNOWN_FUNCTION = "(unknown function)";
    /** Fallback for {@code relativeCreated} when an event has no logger context. */
    private static final long CLASS_LOADED_MILLIS = System.currentTimeMillis();
    /** Logger names longer than this are cut: they become logback loggers that live forever. */
    static final int MAX_NAME_LENGTH = 256;

    private static final JsonFactory PARSERS = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(400)
                    .build())
            .build();

    private LogRecordJson() {
    }

    /**
     * The record's fields, in the order Python's {@code LogRecord} has them. {@code threadId} is the
     * numeric id of the thread that logged (0 if unknown); only the appender, running on that
     * thread, knows it. An event received from elsewhere keeps its origin (host, process, level
     * number, exception text) from its {@link PyacqMdc} keys.
     */
    public static Map<String, Object> toMap(ILoggingEvent event, long threadId) {
        return toMap(event, threadId, Integer.MAX_VALUE);
    }

    /** {@link #toMap} encoded as UTF-8 JSON, ready to send as one frame. */
    public static byte[] encode(ILoggingEvent event, long threadId) {
        return encode(event, threadId, Integer.MAX_VALUE);
    }

    /** As {@link #encode(ILoggingEvent, long)}, with the message and exception text cut to {@code maxTextChars}. */
    static byte[] encode(ILoggingEvent event, long threadId, int maxTextChars) {
        return Serializers.JSON.encodeToBytes(toMap(event, threadId, maxTextChars), ValueMapper.PLAIN);
    }

    private static Map<String, Object> toMap(ILoggingEvent event, long threadId, int maxTextChars) {
        Objects.requireNonNull(event, "event");
        Map<String, String> mdc = event.getMDCPropertyMap();
        boolean remote = PyacqMdc.isRemote(mdc);
        int levelno = PythonLevels.of(event);
        Instant created = event.getInstant();
        String thread = event.getThreadName();
        String process = remote ? mdc.getOrDefault(PyacqMdc.PROCESS, "unknown") : ProcessIdentity.processName();
        String host = remote ? mdc.getOrDefault(PyacqMdc.HOST, "unknown") : ProcessIdentity.hostName();

        Map<String, Object> r = new LinkedHashMap<>(32);
        r.put("name", event.getLoggerName());
        r.put("msg", cut(Objects.requireNonNullElse(event.getFormattedMessage(), ""), maxTextChars));
        r.put("levelname", PythonLevels.name(levelno));
        r.put("levelno", levelno);
        Caller caller = Caller.of(event);
        r.put("pathname", caller.pathname());
        r.put("filename", caller.filename());
        r.put("module", caller.module());
        r.put("exc_info", null);
        r.put("exc_text", cut(exceptionText(event), maxTextChars));
        r.put("stack_info", null);
        r.put("lineno", caller.lineno());
        r.put("funcName", caller.funcName());
        r.put("created", created.getEpochSecond() + created.getNano() / 1e9);
        r.put("msecs", (double) (created.getNano() / 1_000_000));
        r.put("relativeCreated", (double) (created.toEpochMilli() - birthMillis(event)));
        r.put("thread", threadId);
        r.put("threadName", thread);
        r.put("processName", process);
        r.put("process", remote ? pid(mdc) : (Object) ProcessHandle.current().pid());
        r.put("process_name", process);
        r.put("thread_name", thread);
        r.put("host_name", host);
        int hops = intOrZero(mdc.get(PyacqMdc.HOPS));
        if (hops > 0) {
            // our extension: lets a log server stop a record that loops between servers
            r.put("pyacq_hops", hops);
        }
        return r;
    }

    /** Where the event was logged, from caller data if it was computed; Python's placeholders otherwise. */
    private record Caller(String pathname, String filename, String module, int lineno, String funcName) {
        static Caller of(ILoggingEvent event) {
            StackTraceElement c = null;
            if (event.hasCallerData()) {
                StackTraceElement[] data = event.getCallerData();
                if (data != null && data.length > 0) {
                    c = data[0];
                }
            }
            if (c == null) {
                return new Caller(UNKNOWN_FILE, UNKNOWN_FILE, UNKNOWN_FILE, 0, UNKNOWN_FUNCTION);
            }
            int line = Math.max(0, c.getLineNumber());
            String file = c.getFileName();
            if (file == null) {
                return new Caller(UNKNOWN_FILE, UNKNOWN_FILE, UNKNOWN_FILE, line, c.getMethodName());
            }
            String cls = c.getClassName();
            int dot = cls.lastIndexOf('.');
            String dir = dot < 0 ? "" : cls.substring(0, dot + 1).replace('.', '/');
            int ext = file.lastIndexOf('.');
            return new Caller(dir + file, file, ext > 0 ? file.substring(0, ext) : file, line, c.getMethodName());
        }
    }

    /** The exception text: a received one as it came, a local one as its stack trace with causes. */
    static String exceptionText(ILoggingEvent event) {
        String received = event.getMDCPropertyMap().get(PyacqMdc.EXC_TEXT);
        if (received != null) {
            return received;
        }
        IThrowableProxy tp = event.getThrowableProxy();
        if (tp == null) {
            return null;
        }
        String text = ThrowableProxyUtil.asString(tp);
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private static long birthMillis(ILoggingEvent event) {
        return event.getLoggerContextVO() != null ? event.getLoggerContextVO().getBirthTime() : CLASS_LOADED_MILLIS;
    }

    private static Object pid(Map<String, String> mdc) {
        String pid = mdc.get(PyacqMdc.PID);
        if (pid == null) {
            return null;
        }
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int intOrZero(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "... [" + (s.length() - max) + " more characters cut]";
    }

    /**
     * A logback event for one received frame, attached to {@code context} (may be null). Keeps the
     * sender's logger name, level, time, message and thread name; puts its host, process, level
     * number and exception text in the {@link PyacqMdc} keys.
     *
     * @throws MalformedLogRecordException if the frame is not one JSON object
     */
    public static LoggingEvent decode(ByteBuffer frame, LoggerContext context) {
        return parse(frame).toEvent(context);
    }

    /** As {@link #decode(ByteBuffer, LoggerContext)}, from a byte array. */
    public static LoggingEvent decode(byte[] frame, LoggerContext context) {
        return decode(ByteBuffer.wrap(frame), context);
    }

    static ReceivedRecord parse(ByteBuffer frame) {
        byte[] bytes;
        int offset;
        int length = frame.remaining();
        if (frame.hasArray()) {
            bytes = frame.array();
            offset = frame.arrayOffset() + frame.position();
        } else {
            bytes = new byte[length];
            frame.duplicate().get(bytes);
            offset = 0;
        }
        try (JsonParser p = PARSERS.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedLogRecordException(first == null ? "empty frame"
                        : "a log record must be a JSON object, got " + describe(first));
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                f.read(key, t, p);
            }
            if (p.nextToken() != null) {
                throw new MalformedLogRecordException("text after the record's closing brace at "
                        + p.currentLocation().getCharOffset());
            }
            return f.build();
        } catch (JsonProcessingException e) {
            throw new MalformedLogRecordException("not a JSON log record: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedLogRecordException("not a JSON log record: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_ARRAY: return "a list";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_NULL: return "null";
            default: return t.asString() == null ? t.name() : t.asString();
        }
    }

    /** The fields as they are read; unknown keys are skipped without building their values. */
    private static final class Fields {
        String name;
        String msg;
        String message;
        double levelno = Double.NaN;
        String levelname;
        double created = Double.NaN;
        String threadName;
        String pyThreadName;
        String processName;
        String pyProcessName;
        String hostName;
        double process = Double.NaN;
        String excText;
        String pathname;
        String module;
        String funcName;
        double lineno = Double.NaN;
        double hops = Double.NaN;

        void read(String key, JsonToken t, JsonParser p) throws IOException {
            switch (key) {
                case "name": name = text(t, p); break;
                case "msg": msg = text(t, p); break;
                case "message": message = text(t, p); break;
                case "levelno": levelno = number(t, p); break;
                case "levelname": levelname = text(t, p); break;
                case "created": created = number(t, p); break;
                case "thread_name": threadName = text(t, p); break;
                case "threadName": pyThreadName = text(t, p); break;
                case "process_name": processName = text(t, p); break;
                case "processName": pyProcessName = text(t, p); break;
                case "host_name": hostName = text(t, p); break;
                case "process": process = number(t, p); break;
                case "exc_text": excText = text(t, p); break;
                case "pathname": pathname = text(t, p); break;
                case "module": module = text(t, p); break;
                case "funcName": funcName = text(t, p); break;
                case "lineno": lineno = number(t, p); break;
                case "pyacq_hops": hops = number(t, p); break;
                default: p.skipChildren();
            }
        }

        ReceivedRecord build() {
            String logger = name == null || name.isEmpty() ? "root" : name;
            if (logger.length() > MAX_NAME_LENGTH) {
                logger = logger.substring(0, MAX_NAME_LENGTH);
            }
            String text = msg != null ? msg : message != null ? message : "";
            int level;
            if (isInt(levelno)) {
                level = (int) levelno;
            } else {
                int byName = PythonLevels.parseName(levelname);
                level = byName >= 0 ? byName : PythonLevels.INFO;
            }
            Instant time = Instant.now();
            if (Double.isFinite(created) && Math.abs(created) < 1e11) {
                long seconds = (long) Math.floor(created);
                long nanos = Math.round((created - seconds) * 1e6) * 1000;  // a double holds microseconds
                time = Instant.ofEpochSecond(seconds, nanos);
            }
            Long pid = isInt(process) ? (long) process : null;
            String proc = firstOf(processName, pid != null ? "process-" + pid : null, pyProcessName, "unknown");
            String thread = firstOf(threadName, pyThreadName, "unknown", null);
            String host = firstOf(hostName, "unknown", null, null);
            String exc = excText == null || excText.isEmpty() ? null : excText;
            int line = isInt(lineno) && lineno > 0 ? (int) lineno : 0;
            int relayed = isInt(hops) && hops > 0 ? (int) Math.min(hops, 1000) : 0;
            return new ReceivedRecord(logger, text, level, time, thread, proc, host, pid, exc, pathname, module,
                    funcName, line, relayed);
        }

        private static boolean isInt(double d) {
            return Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE;
        }

        private static String firstOf(String a, String b, String c, String d) {
            for (String s : new String[] {a, b, c, d}) {
                if (s != null && !s.isEmpty()) {
                    return s;
                }
            }
            return "unknown";
        }

        /** A value as text: strings as they are, numbers and booleans as written, lists and maps as JSON. */
        private static String text(JsonToken t, JsonParser p) throws IOException {
            switch (t) {
                case VALUE_NULL:
                    return null;
                case START_OBJECT:
                case START_ARRAY: {
                    StringWriter out = new StringWriter();
                    try (JsonGenerator g = PARSERS.createGenerator(out)) {
                        g.copyCurrentStructure(p);
                    }
                    return out.toString();
                }
                default:
                    return p.getText();
            }
        }

        /** A value as a number: numbers, and strings that hold one; NaN for anything else. */
        private static double number(JsonToken t, JsonParser p) throws IOException {
            switch (t) {
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return p.getDoubleValue();
                case VALUE_STRING:
                    try {
                        return Double.parseDouble(p.getText().strip());
                    } catch (NumberFormatException e) {
                        return Double.NaN;
                    }
                default:
                    p.skipChildren();
                    return Double.NaN;
            }
        }
    }
}

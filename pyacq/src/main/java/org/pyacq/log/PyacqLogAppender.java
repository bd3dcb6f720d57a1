package org.pyacq.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Duration;
import java.util.Objects;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.Endpoints;
import org.pyacq.transport.TransportSecurity;

/**
 * Sends every event to a {@link LogServer} (or a Python pyacq log server) as a JSON record over a
 * PUSH socket. Logging threads only encode the record and put it in a bounded queue; one sender
 * thread owns the socket. Logging never blocks: when the queue is full the oldest record is dropped,
 * and the number dropped is sent in a later record. Records wait (in the queue and the socket, up to
 * {@link #setSendHighWaterMark}) while the server is not up yet. {@link #stop()} sends what is queued,
 * giving up after {@link #setFlushTimeoutMillis} without progress, and closes the socket.
 *
 * <p>In {@code logback.xml}:
 * <pre>{@code
 * <appender name="PYACQ" class="org.pyacq.log.PyacqLogAppender">
 *   <address>tcp://127.0.0.1:5010</address>
 * </appender>
 * }</pre>
 * or in code: {@code new PyacqLogAppender()}, {@code setContext}, {@code setAddress}, {@code start()},
 * then add it to a logger ({@link LogSetup#configureChild} does this for spawned children).
 *
 * <p>Events received from other processes (with {@link PyacqMdc} keys) are sent on with their origin.
 */
public class PyacqLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private String address;
    private TransportSecurity security;
    private int queueSize = 8192;
    private int sendHighWaterMark = 1000;
    private long flushTimeoutMillis = 1000;
    private int maxRecordBytes = 512 * 1024;
    private volatile RecordSender sender;
    private boolean reportedEncodingFailure;

    /** The log server's address, e.g. {@code tcp://127.0.0.1:5010}. Required. */
    public void setAddress(String address) {
        this.address = address == null ? null : address.strip();
    }

    public String getAddress() {
        return address;
    }

    /**
     * How the socket authenticates; default the process's {@link DefaultSecurity} when the appender
     * starts (CURVE with this user's key unless the process runs in insecure mode).
     */
    public void setSecurity(TransportSecurity security) {
        this.security = Objects.requireNonNull(security, "security");
    }

    /** Records queued for the sender thread before the oldest are dropped; default 8192. */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Records the socket holds while the server is absent or slow; default 1000. */
    public void setSendHighWaterMark(int sendHighWaterMark) {
        this.sendHighWaterMark = sendHighWaterMark;
    }

    /**
     * How long {@link #stop()} may wait for queued records to leave without any of them leaving;
     * default 1000 ms. While records keep leaving (a slow but connected server) it goes on for up to
     * 10 s in all. If the server accepted the connection but the handshake has not completed
     * (JeroMQ's fresh-connection stall), stop waits once more for the handshake interval and a
     * redial (3 s).
     */
    public void setFlushTimeoutMillis(long flushTimeoutMillis) {
        this.flushTimeoutMillis = flushTimeoutMillis;
    }

    /**
     * The largest record sent, in bytes (default 512 KiB, half a {@link LogServer}'s default limit);
     * longer messages and exception texts are cut to fit.
     */
    public void setMaxRecordBytes(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Records dropped so far because the queue was full or a record could not be made small enough. */
    public long droppedCount() {
        RecordSender s = sender;
        return s == null ? 0 : s.dropped();
    }

    /** Records handed to the socket so far (including reports of dropped records). */
    public long sentCount() {
        RecordSender s = sender;
        return s == null ? 0 : s.sent();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        try {
            Endpoints.validate(address);
        } catch (IllegalArgumentException e) {
            addError("appender " + name + ": " + e.getMessage());
            return;
        }
        if (queueSize < 1 || sendHighWaterMark < 1 || flushTimeoutMillis < 0 || maxRecordBytes < 1024) {
            addError("appender " + name + ": queueSize (" + queueSize + ") and sendHighWaterMark ("
                    + sendHighWaterMark + ") must be positive, flushTimeoutMillis (" + flushTimeoutMillis
                    + ") not negative, maxRecordBytes (" + maxRecordBytes + ") at least 1024");
            return;
        }
        TransportSecurity sec;
        try {
            sec = security != null ? security : DefaultSecurity.get();
        } catch (RuntimeException e) {
            addError("appender " + name + ": " + e.getMessage());
            return;
        }
        RecordSender s = new RecordSender(address, sec, queueSize, sendHighWaterMark,
                Duration.ofMillis(flushTimeoutMillis), this::addWarn);
        s.start();
        sender = s;
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        RecordSender s = sender;
        if (s != null) {
            s.stop();
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        RecordSender s = sender;
        if (s == null) {
            return;
        }
        Thread current = Thread.currentThread();
        // Python sends its thread's numeric id; we know it only when appending on the logging thread
        long threadId = current.getName().equals(event.getThreadName()) ? current.getId() : 0;
        byte[] record;
        try {
            record = LogRecordJson.encode(event, threadId);
            if (record.length > maxRecordBytes) {
                // UTF-8 takes at most 3 bytes per char (JSON escapes 6 for control chars): 1/8 leaves room
                record = LogRecordJson.encode(event, threadId, maxRecordBytes / 8);
            }
        } catch (RuntimeException e) {
            s.countDropped();
            if (!reportedEncodingFailure) {
                reportedEncodingFailure = true;
                addError("appender " + name + " could not encode an event of logger " + event.getLoggerName(), e);
            }
            return;
        }
        if (record.length > maxRecordBytes) {
            s.countDropped();
            return;
        }
        s.offer(record);
    }
}

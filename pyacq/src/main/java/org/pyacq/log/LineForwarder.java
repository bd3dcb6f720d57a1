package org.pyacq.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pyacq.transport.ProcessIdentity;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Reads a child process's stdout or stderr line by line on a daemon thread and logs each line, as
 * pyacq's spawner does: stdout lines at INFO prefixed {@code [name.stdout] }, stderr lines at WARN
 * prefixed {@code [name.stderr] }. Keeps the last lines read so that a caller can say why a child
 * died. Ends at end of stream (when the child exits or closes it).
 *
 * <pre>{@code
 * LineForwarder err = LineForwarder.start("worker1", LineForwarder.Stream.STDERR, process.getErrorStream(), log, 20);
 * ...
 * err.awaitEnd(Duration.ofSeconds(1));
 * String lastWords = String.join("\n", err.tail());
 * }</pre>
 */
public final class LineForwarder {
    /** Lines longer than this are forwarded in pieces, so that a child without newlines cannot fill our memory. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    /** Which of the child's streams is read; decides the prefix and level. */
    public enum Stream {
        STDOUT("stdout"), STDERR("stderr");

        private final String suffix;

        Stream(String suffix) {
            this.suffix = suffix;
        }
    }

    private final String name;
    private final String prefix;
    private final Stream stream;
    private final Reader in;
    private final Logger logger;
    private final int tailLines;
    private final ArrayDeque<String> tail;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread thread;
    private volatile long lines;

    private LineForwarder(String name, Stream stream, InputStream in, Charset charset, Logger logger, int tailLines) {
        this.name = name;
        this.prefix = "[" + name + "." + stream.suffix + "] ";
        this.stream = stream;
        this.in = new InputStreamReader(in, charset);
        this.logger = logger;
        this.tailLines = tailLines;
        this.tail = new ArrayDeque<>(Math.min(tailLines, 1024));
        this.thread = new Thread(this::run, "pyacq-forward-" + name + "." + stream.suffix);
        thread.setDaemon(true);
    }

    /**
     * Starts forwarding {@code in} (decoded as UTF-8) to {@code logger}, keeping the last
     * {@code tailLines} lines.
     */
    public static LineForwarder start(String name, Stream stream, InputStream in, Logger logger, int tailLines) {
        return start(name, stream, in, StandardCharsets.UTF_8, logger, tailLines);
    }

    /** As {@link #start(String, Stream, InputStream, Logger, int)}, decoding with {@code charset}. */
    public static LineForwarder start(String name, Stream stream, InputStream in, Charset charset, Logger logger,
            int tailLines) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(logger, "logger");
        if (tailLines < 0) {
            throw new IllegalArgumentException("tailLines must not be negative, got " + tailLines);
        }
        LineForwarder f = new LineForwarder(name, stream, in, charset, logger, tailLines);
        f.thread.start();
        return f;
    }

    /** The last lines read (without prefix), oldest first; at most the number asked for. */
    public List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** How many lines were forwarded so far. */
    public long lineCount() {
        return lines;
    }

    /** True once the stream has ended and every line was logged. */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Waits until the stream ends; true if it did within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        StringBuilder line = new StringBuilder(256);
        char[] buf = new char[8192];
        try (Reader r = in) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        emit(line);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            emit(line);
                        }
                    }
                }
            }
            if (line.length() > 0) {
                emit(line);
            }
        } catch (IOException e) {
            // the stream was closed under us (the child was destroyed): nothing more to read
            if (line.length() > 0) {
                emit(line);
            }
            logger.debug("{}stream closed: {}", prefix, e.getMessage());
        } finally {
            ended.countDown();
        }
    }

    private void emit(StringBuilder line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        String text = line.substring(0, end);
        line.setLength(0);
        if (tailLines > 0) {
            synchronized (tail) {
                if (tail.size() == tailLines) {
                    tail.removeFirst();
                }
                tail.addLast(text);
            }
        }
        lines++;
        // the line is the child's: records carry its name, not this process's
        MDC.put(PyacqMdc.PROCESS, name);
        MDC.put(PyacqMdc.HOST, ProcessIdentity.hostName());
        try {
            if (stream == Stream.STDOUT) {
                logger.info("{}{}", prefix, text);
            } else {
                logger.warn("{}{}", prefix, text);
            }
        } finally {
            MDC.remove(PyacqMdc.PROCESS);
            MDC.remove(PyacqMdc.HOST);
        }
    }
}

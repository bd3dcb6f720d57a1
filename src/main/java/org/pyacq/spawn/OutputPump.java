package org.pyacq.spawn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Reads a child's stdout or stderr line by line on a daemon thread and logs each line with the
 * prefix {@code [name.stdout] } or {@code [name.stderr] }, keeping the last lines for error messages.
 */
final class OutputPump implements Runnable {
    private static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final Logger logger;
    private final Level level;
    private final String prefix;
    private final String processName;
    private final int tailSize;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    OutputPump(InputStream in, Logger logger, Level level, String processName, String stream, int tailSize) {
        this.in = in;
        this.logger = logger;
        this.level = level;
        this.prefix = "[" + processName + "." + stream + "] ";
        this.processName = processName;
        this.tailSize = tailSize;
    }

    static OutputPump start(InputStream in, Logger logger, Level level, String processName, String stream) {
        OutputPump p = new OutputPump(in, logger, level, processName, stream, 40);
        Thread t = new Thread(p, "pyacq-" + stream + "-" + processName);
        t.setDaemon(true);
        t.start();
        return p;
    }

    @Override
    public void run() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    line = line.substring(0, MAX_LINE) + "... (" + (line.length() - MAX_LINE) + " more characters)";
                }
                remember(line);
                MDC.put("pyacq.child", processName);
                try {
                    logger.atLevel(level).log(prefix + line);
                } finally {
                    MDC.remove("pyacq.child");
                }
            }
        } catch (IOException e) {
            // the pipe closed under us: the child is gone
        } finally {
            finished.countDown();
        }
    }

    private synchronized void remember(String line) {
        if (tail.size() == tailSize) {
            tail.removeFirst();
        }
        tail.addLast(line);
    }

    /** The last lines read (at most 40). */
    synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    /** Waits (bounded) until the stream reached its end. */
    boolean awaitEnd(long millis) {
        try {
            return finished.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

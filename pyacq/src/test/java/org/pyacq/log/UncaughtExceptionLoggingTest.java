package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UncaughtExceptionLoggingTest {
    private final EventCollector out = new EventCollector();
    private Logger logger;
    private Thread.UncaughtExceptionHandler before;

    @BeforeEach
    void collect() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        out.setContext(context);
        out.start();
        logger = context.getLogger(UncaughtExceptionLogging.class);
        logger.setAdditive(false);
        logger.addAppender(out);
    }

    @AfterEach
    void restore() {
        UncaughtExceptionLogging.uninstall();
        logger.detachAppender(out);
        logger.setAdditive(true);
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void anExceptionThatEndsAThreadIsLoggedWithTheThreadsName() throws Exception {
        UncaughtExceptionLogging.install();
        Thread doomed = new Thread(() -> {
            throw new IllegalStateException("calibration table missing");
        }, "acquisition-loop");
        doomed.start();
        doomed.join();
        ILoggingEvent e = out.next();
        assertEquals(Level.ERROR, e.getLevel());
        assertEquals("uncaught exception in thread 'acquisition-loop'", e.getFormattedMessage());
        assertEquals("java.lang.IllegalStateException", e.getThrowableProxy().getClassName());
        assertEquals("calibration table missing", e.getThrowableProxy().getMessage());
    }

    @Test
    void installingTwiceKeepsOneHandlerAndAnEarlierHandlerStillRuns() throws Exception {
        AtomicReference<Throwable> earlier = new AtomicReference<>();
        Thread.UncaughtExceptionHandler previous = (t, e) -> earlier.set(e);
        Thread.setDefaultUncaughtExceptionHandler(previous);
        UncaughtExceptionLogging.install();
        Thread.UncaughtExceptionHandler ours = Thread.getDefaultUncaughtExceptionHandler();
        UncaughtExceptionLogging.install();
        assertSame(ours, Thread.getDefaultUncaughtExceptionHandler());

        Thread doomed = new Thread(() -> {
            throw new ArithmeticException("divide by zero");
        }, "worker");
        doomed.start();
        doomed.join();
        assertEquals("uncaught exception in thread 'worker'", out.next().getFormattedMessage());
        assertEquals("divide by zero", earlier.get().getMessage());

        UncaughtExceptionLogging.uninstall();
        assertSame(previous, Thread.getDefaultUncaughtExceptionHandler());
    }
}

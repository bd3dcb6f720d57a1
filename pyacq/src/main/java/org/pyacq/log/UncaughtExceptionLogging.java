package org.pyacq.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs exceptions that end a thread, with the thread's name, like pyacq's {@code log_exceptions()}:
 * in a child whose logging goes to a log server, a crash then reaches the parent as a record with
 * its stack trace instead of being lost on the child's stderr. Logged at ERROR on the logger
 * {@code org.pyacq.log.UncaughtExceptionLogging}.
 *
 * <p>Replaces the JVM's default handler, which prints the trace to stderr. A default handler that
 * someone else installed before is still called after logging.
 */
public final class UncaughtExceptionLogging implements Thread.UncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(UncaughtExceptionLogging.class);
    private static UncaughtExceptionLogging installed;

    private final Thread.UncaughtExceptionHandler previous;

    private UncaughtExceptionLogging(Thread.UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    /** Installs the handler as the default for all threads; installing twice changes nothing. */
    public static synchronized void install() {
        Thread.UncaughtExceptionHandler current = Thread.getDefaultUncaughtExceptionHandler();
        if (installed != null && current == installed) {
            return;
        }
        installed = new UncaughtExceptionLogging(current);
        Thread.setDefaultUncaughtExceptionHandler(installed);
    }

    /** Puts back the default handler that was there before {@link #install()}, if ours is still in place. */
    public static synchronized void uninstall() {
        if (installed != null && Thread.getDefaultUncaughtExceptionHandler() == installed) {
            Thread.setDefaultUncaughtExceptionHandler(installed.previous);
        }
        installed = null;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            log.error("uncaught exception in thread '{}'", thread.getName(), error);
        } catch (Throwable loggingFailed) {
            // logging itself failed (e.g. out of memory): at least say it on stderr
            System.err.println("uncaught exception in thread '" + thread.getName() + "':");
            error.printStackTrace();
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        }
    }
}

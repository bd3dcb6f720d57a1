package org.pyacq.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import java.util.Objects;
import org.pyacq.rpc.ProcessIdentity;
import org.slf4j.LoggerFactory;

/**
 * Programmatic logback configurations for the situations this project creates. Each replaces the
 * current configuration of the logback context slf4j is bound to (the library ships no
 * {@code logback.xml}, so applications keep their own unless they call these), and registers a
 * shutdown hook that stops logging cleanly, flushing queued records.
 */
public final class LogSetup {
    /** The pattern of a child's stderr output when it has no log server. */
    static final String CHILD_STDERR_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private LogSetup() {
    }

    /**
     * Configures a spawned child: root level from the parent's Python level (see
     * {@link PythonLevels#threshold}), records to the parent's log server if {@code logAddress} is
     * given, else plain lines on stderr (which the parent forwards with a {@link LineForwarder}).
     *
     * @param logAddress the log server's address, or null
     * @param pythonLevel 10 debug, 20 info, 30 warning, 40 error, 50 critical (as in the bootstrap message)
     * @param processName the child's name, used in its records and client identities; null keeps the current one
     */
    public static void configureChild(String logAddress, int pythonLevel, String processName) {
        configureChild(boundContext(), logAddress, pythonLevel, processName);
    }

    static void configureChild(LoggerContext context, String logAddress, int pythonLevel, String processName) {
        if (processName != null) {
            ProcessIdentity.setProcessName(processName);
        }
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(PythonLevels.threshold(pythonLevel));
        if (logAddress != null) {
            PyacqLogAppender sender = new PyacqLogAppender();
            sender.setContext(context);
            sender.setName("pyacq-log-server");
            sender.setAddress(logAddress);
            sender.start();
            if (sender.isStarted()) {
                root.addAppender(sender);
                addShutdownHook(context);
                return;
            }
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(CHILD_STDERR_PATTERN);
        encoder.start();
        root.addAppender(stderr(context, encoder));
        addShutdownHook(context);
        if (logAddress != null) {
            root.warn("cannot send log records to '{}' (see logback status); logging to stderr instead", logAddress);
        }
    }

    /**
     * Configures an interactive tool: records (local and received from children) on stderr as
     * {@code [host:process:thread] message}, coloured per {@code color}, put in creation order with
     * pyacq's 0.2 s hold-back.
     */
    public static void configureConsole(int pythonLevel, ConsoleColor color) {
        configureConsole(boundContext(), pythonLevel, color, 200);
    }

    static TimeOrderedAppender configureConsole(LoggerContext context, int pythonLevel, ConsoleColor color,
            long holdBackMillis) {
        Objects.requireNonNull(color, "color");
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(PythonLevels.threshold(pythonLevel));
        PyacqConsoleEncoder encoder = new PyacqConsoleEncoder();
        encoder.setContext(context);
        encoder.setColor(color);
        encoder.start();
        TimeOrderedAppender sorted = new TimeOrderedAppender();
        sorted.setContext(context);
        sorted.setName("pyacq-console-sorted");
        sorted.setHoldBackMillis(holdBackMillis);
        sorted.addAppender(stderr(context, encoder));
        sorted.start();
        root.addAppender(sorted);
        addShutdownHook(context);
        return sorted;
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context,
            ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("pyacq-stderr");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    /** Stops the context at exit (flushing senders and sorters); a later reset removes the hook. */
    private static void addShutdownHook(LoggerContext context) {
        if (context.getObject(CoreConstants.SHUTDOWN_HOOK_THREAD) != null) {
            return;
        }
        Thread hook = new Thread(context::stop, "pyacq-log-shutdown");
        context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, hook);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static LoggerContext boundContext() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
            return lc;
        }
        throw new IllegalStateException("slf4j is bound to " + LoggerFactory.getILoggerFactory().getClass().getName()
                + ", not logback; pyacq's log setup needs logback-classic");
    }
}

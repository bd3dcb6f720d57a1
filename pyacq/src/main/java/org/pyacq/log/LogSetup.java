package org.pyacq.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.pyacq.transport.ProcessIdentity;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback configurations for the situations this project creates: a programmatic base that needs
 * run-time facts (log server address, level, process name), then, when the process names one, a
 * logback file applied on top of it (see {@link LogConfigSource}: {@code -Dpyacq.logConfig}, the
 * launchers' {@code conf/logback.xml}). Each call replaces the current configuration of the logback
 * context slf4j is bound to (the library ships no {@code logback.xml}, so applications keep their
 * own unless they call these), and registers a shutdown hook that stops logging cleanly, flushing
 * queued records.
 *
 * <p>The file may use {@code ${pyacq.process}}, the process's name, e.g. in a log file's name, and
 * {@code ${pyacq.role}} ({@code daemon}, {@code command} or {@code child}), e.g. in a condition. A
 * file with errors is not applied at all: the base configuration stays and a warning names the
 * file and the errors. When {@code -Dlogback.configurationFile} is set, the user configures
 * logging entirely and these methods leave the context as logback set it up.
 */
public final class LogSetup {
    /** The context property holding the process's name, for use in a configuration file. */
    public static final String PROCESS_PROPERTY = "pyacq.process";
    /** The context property holding the process's role: {@code daemon}, {@code command} or {@code child}. */
    public static final String ROLE_PROPERTY = "pyacq.role";
    /** Role of the daemon, pyacqd. */
    public static final String ROLE_DAEMON = "daemon";
    /** Role of an interactive tool such as the pyacq command (the default of {@link #configureConsole(int, ConsoleColor)}). */
    public static final String ROLE_COMMAND = "command";
    /** Role of a spawned child. */
    public static final String ROLE_CHILD = "child";
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
        configureChild(boundContext(), LogConfigSource.ofThisProcess(), logAddress, pythonLevel, processName);
    }

    static void configureChild(LoggerContext context, String logAddress, int pythonLevel, String processName) {
        configureChild(context, LogConfigSource.none(), logAddress, pythonLevel, processName);
    }

    static void configureChild(LoggerContext context, LogConfigSource source, String logAddress, int pythonLevel,
            String processName) {
        if (processName != null) {
            ProcessIdentity.setProcessName(processName);
        }
        if (!source.userOwnsConfiguration()) {
            configure(context, source, ROLE_CHILD, () -> childBase(context, logAddress, pythonLevel));
        }
    }

    /**
     * Prepares a warm spare process (one that does not know yet which child it will be): sets up
     * the child logging base, on stderr at error level (a spare has nothing to say), and runs the
     * configuration-file code once on a throwaway context, so that {@link #configureChild} later
     * costs little. Applies no user file and creates no file. When the user configures logging
     * entirely ({@code -Dlogback.configurationFile}), does nothing: logback starts with the child.
     */
    public static void warmUpChild() {
        LogConfigSource source = LogConfigSource.ofThisProcess();
        if (source.userOwnsConfiguration()) {
            return;
        }
        configureChild(boundContext(), LogConfigSource.none(), null, 40, null);
        if (source.overlayFile().isPresent()) {
            LogConfigOverlay.warmUp();
        }
    }

    private static Void childBase(LoggerContext context, String logAddress, int pythonLevel) {
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
                return null;
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
        return null;
    }

    /**
     * Configures an interactive tool: records (local and received from children) on stderr as
     * {@code [host:process:thread] message}, coloured per {@code color}, put in creation order with
     * pyacq's 0.2 s hold-back.
     */
    public static void configureConsole(int pythonLevel, ConsoleColor color) {
        configureConsole(pythonLevel, color, ROLE_COMMAND);
    }

    /**
     * As {@link #configureConsole(int, ConsoleColor)} for a short command line tool, without the
     * overlay file: parsing it costs about 80 ms of start-up, and a short command logs only
     * warnings. The file stays named, so the processes the command starts still get it.
     */
    public static void configureShortCommandConsole(int pythonLevel, ConsoleColor color) {
        LogConfigSource source = LogConfigSource.ofThisProcess();
        configureConsole(boundContext(), source.userOwnsConfiguration() ? source : LogConfigSource.none(),
                ROLE_COMMAND, pythonLevel, color, 200);
    }

    /** As {@link #configureConsole(int, ConsoleColor)}, for a process in {@code role} ({@link #ROLE_DAEMON}...). */
    public static void configureConsole(int pythonLevel, ConsoleColor color, String role) {
        configureConsole(boundContext(), LogConfigSource.ofThisProcess(), role, pythonLevel, color, 200);
    }

    static TimeOrderedAppender configureConsole(LoggerContext context, int pythonLevel, ConsoleColor color,
            long holdBackMillis) {
        return configureConsole(context, LogConfigSource.none(), ROLE_COMMAND, pythonLevel, color, holdBackMillis);
    }

    /** As above; returns the sorting appender, or null when the user owns the configuration. */
    static TimeOrderedAppender configureConsole(LoggerContext context, LogConfigSource source, String role,
            int pythonLevel, ConsoleColor color, long holdBackMillis) {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(role, "role");
        if (source.userOwnsConfiguration()) {
            return null;
        }
        return configure(context, source, role, () -> consoleBase(context, pythonLevel, color, holdBackMillis));
    }

    private static TimeOrderedAppender consoleBase(LoggerContext context, int pythonLevel, ConsoleColor color,
            long holdBackMillis) {
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

    /**
     * Builds the base (which resets the context), then applies the overlay file if there is one. A
     * file with errors may have been applied in part: the base is built again, without it, and a
     * warning says why.
     */
    private static <T> T configure(LoggerContext context, LogConfigSource source, String role, Supplier<T> base) {
        T built = base.get();
        Path file = source.overlayFile().orElse(null);
        if (file == null) {
            return built;
        }
        context.putProperty(PROCESS_PROPERTY, ProcessIdentity.processName());
        context.putProperty(ROLE_PROPERTY, role);
        List<String> problems = LogConfigOverlay.apply(context, file);
        if (problems.isEmpty()) {
            return built;
        }
        built = base.get();
        context.getLogger(LogSetup.class).warn("log configuration {} not applied (using pyacq's built-in logging "
                + "setup instead): {}", file, String.join("; ", problems));
        return built;
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

    /** How long the setup waits for slf4j's initialisation that another thread has started. */
    private static final long BINDING_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private static LoggerContext boundContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // while another thread initialises slf4j, it hands out a stand-in factory whose loggers it binds once
        // done (a short command's first loggers are made on two threads at once): wait for the real one
        long deadline = System.nanoTime() + BINDING_WAIT_NANOS;
        while (factory instanceof org.slf4j.helpers.SubstituteLoggerFactory && System.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
            factory = LoggerFactory.getILoggerFactory();
        }
        if (factory instanceof LoggerContext lc) {
            return lc;
        }
        throw new IllegalStateException("slf4j is bound to " + factory.getClass().getName()
                + ", not logback; pyacq's log setup needs logback-classic");
    }
}

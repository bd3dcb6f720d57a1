package org.pyacq.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Applies a logback XML file to a context <em>without resetting it</em>: what the file declares
 * (logger levels, appenders added to loggers) comes on top of what is already configured. Logback
 * reports most mistakes in a file as error statuses and carries on; here they are collected and
 * returned, so that the caller can decide to drop the file.
 */
final class LogConfigOverlay {
    private LogConfigOverlay() {
    }

    /**
     * Applies {@code file} on top of the context's configuration.
     *
     * @return what went wrong, one line per problem; empty if the file was applied cleanly
     */
    static List<String> apply(LoggerContext context, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return List.of("the file does not exist or cannot be read");
        }
        ErrorCollector errors = new ErrorCollector();
        context.getStatusManager().add(errors);
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(file.toFile());
        } catch (JoranException | RuntimeException e) {
            if (errors.problems.isEmpty()) {
                errors.problems.add(String.valueOf(e.getMessage()));
            }
        } finally {
            context.getStatusManager().remove(errors);
        }
        return List.copyOf(errors.problems);
    }

    /** A small configuration in the shape of conf/logback.xml, for {@link #warmUp()}. */
    private static final String WARM_UP_XML = "<configuration><logger name=\"org.zeromq\" level=\"WARN\"/>"
            + "<condition class=\"ch.qos.logback.core.boolex.PropertyEqualityCondition\"><key>pyacq.role</key>"
            + "<value>daemon</value></condition><if><then><logger name=\"pyacq\" level=\"INFO\"/></then></if>"
            + "</configuration>";

    /**
     * Loads and runs the file-configuration code on a throwaway context, from a built-in text: no
     * file is read and nothing else is touched, so that a later {@link #apply} starts warm.
     */
    static void warmUp() {
        LoggerContext scratch = new LoggerContext();
        scratch.setName("pyacq-warm-up");
        scratch.putProperty(LogSetup.ROLE_PROPERTY, LogSetup.ROLE_CHILD);
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(scratch);
            configurator.doConfigure(new java.io.ByteArrayInputStream(
                    WARM_UP_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JoranException | RuntimeException e) {
            // only a warm-up: the real file is applied (and its errors reported) later
        } finally {
            scratch.stop();
        }
    }

    /** Keeps the error statuses logback reports while the file is applied. */
    private static final class ErrorCollector implements StatusListener {
        private static final int MAX_PROBLEMS = 5;
        final List<String> problems = new CopyOnWriteArrayList<>();

        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() < Status.ERROR) {
                return;
            }
            String text = String.valueOf(status.getMessage());
            for (Throwable t = status.getThrowable(); t != null; t = t.getCause()) {
                if (t.getMessage() != null && !text.contains(t.getMessage())) {
                    text = (text.endsWith(".") ? text.substring(0, text.length() - 1) : text) + ": " + t.getMessage();
                    break;
                }
            }
            // logback may report one mistake more than once (each processing phase)
            if (problems.size() < MAX_PROBLEMS && !problems.contains(text)) {
                problems.add(text);
            }
        }
    }
}

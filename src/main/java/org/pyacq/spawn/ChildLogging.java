package org.pyacq.spawn;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Configures a spawned child's logging before anything else logs. */
final class ChildLogging {
    private ChildLogging() {
    }

    static void configure(String logAddress, int pythonLevel) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(pythonLevel));
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%-5level [%thread] %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(ctx);
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        root.addAppender(console);
    }

    static Level level(int python) {
        if (python <= 5) {
            return Level.TRACE;
        } else if (python <= 10) {
            return Level.DEBUG;
        } else if (python <= 20) {
            return Level.INFO;
        } else if (python <= 30) {
            return Level.WARN;
        }
        return Level.ERROR;
    }
}

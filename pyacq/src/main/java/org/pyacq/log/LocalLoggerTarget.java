package org.pyacq.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands a received event to the appenders of the logger of the same name in this process, as
 * Python's {@code logger.handle(record)} does: the sender already applied its level, so loggers'
 * levels here are not checked again (appender filters still apply).
 *
 * <p>Every new logger name becomes a logback logger that lives as long as the context. So that a
 * sender inventing names cannot grow this process without bound, after {@link #MAX_NEW_LOGGERS}
 * new names, records with further new names go to the appenders of {@link #OVERFLOW_LOGGER}
 * (their events keep their own logger name).
 */
final class LocalLoggerTarget implements Consumer<ILoggingEvent> {
    static final int MAX_NEW_LOGGERS = 4096;
    static final String OVERFLOW_LOGGER = "pyacq.remote";
    private final LoggerContext context;
    private final AtomicInteger created = new AtomicInteger();

    LocalLoggerTarget(LoggerContext context) {
        this.context = context;
    }

    @Override
    public void accept(ILoggingEvent event) {
        String name = event.getLoggerName();
        Logger logger = context.exists(name);
        if (logger == null) {
            logger = created.incrementAndGet() <= MAX_NEW_LOGGERS ? context.getLogger(name)
                    : context.getLogger(OVERFLOW_LOGGER);
        }
        logger.callAppenders(event);
    }

    @Override
    public String toString() {
        return "the loggers of " + context.getName();
    }
}

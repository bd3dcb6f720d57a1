package org.pyacq.daemon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.List;
import java.util.Map;
import org.pyacq.log.LogRecordJson;
import org.pyacq.log.LogServer;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.slf4j.LoggerFactory;

/**
 * The daemon's logging: a log server for its children, whose records go to the daemon's own
 * loggers; an appender on the daemon's root logger that keeps every record (the daemon's own,
 * its children's, their forwarded stdout and stderr) in a bounded history and re-publishes it
 * on the live feed.
 */
final class DaemonLogHub implements LogHub {
    private final LogServer server;
    private final LogFeed feed;
    private final LogHistory history;
    private final HistoryAppender appender;
    private final LoggerContext context;

    private DaemonLogHub(LogServer server, LogFeed feed, LogHistory history, HistoryAppender appender,
            LoggerContext context) {
        this.server = server;
        this.feed = feed;
        this.history = history;
        this.appender = appender;
        this.context = context;
    }

    static DaemonLogHub start(DaemonConfig config) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogHistory history = new LogHistory(config.logHistory());
        LogFeed feed;
        try {
            feed = new LogFeed(config.logFeedAddress(), DefaultSecurity.get(), config.allowInsecureRemote());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while starting the log feed", e);
        }
        HistoryAppender appender = new HistoryAppender(history, feed);
        appender.setContext(ctx);
        appender.setName("pyacq-history");
        appender.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        // children's stdout and stderr lines are theirs to filter (their level applied when they wrote them)
        ctx.getLogger("pyacq.child").setLevel(ch.qos.logback.classic.Level.ALL);
        LogServer server;
        try {
            server = LogServer.builder().address(config.logAddress()).security(DefaultSecurity.get())
                    .allowInsecureRemote(config.allowInsecureRemote()).loggerContext(ctx).build().start();
        } catch (RuntimeException e) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            feed.close();
            throw e;
        }
        return new DaemonLogHub(server, feed, history, appender, ctx);
    }

    @Override
    public String logAddress() {
        return server.address();
    }

    @Override
    public String feedAddress() {
        return feed.address();
    }

    @Override
    public List<Map<String, Object>> recent(String process, int minLevel, int limit) {
        return history.recent(process, minLevel, limit);
    }

    @Override
    public void close() {
        server.close();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        feed.close();
    }

    /** Keeps and re-publishes every event that reaches the daemon's root logger. */
    private static final class HistoryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final LogHistory history;
        private final LogFeed feed;

        HistoryAppender(LogHistory history, LogFeed feed) {
            this.history = history;
            this.feed = feed;
        }

        @Override
        protected void append(ILoggingEvent event) {
            Map<String, Object> record = LogRecordJson.toMap(event, 0);
            history.add(record);
            feed.publish(Serializers.JSON.encodeToBytes(record, ValueMapper.PLAIN));
        }
    }
}

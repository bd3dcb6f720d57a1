package org.pyacq.log;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * logback for a short {@code pyacq} command, which configures its logging itself at once
 * ({@link LogSetup#configureShortCommandConsole}): the same logger context as logback's own
 * provider, without logback's automatic configuration (looking for configuration files and
 * configurators, then a console appender that pyacq's setup throws away), which took about 0.09 s
 * of a command's start-up. With {@code -Dlogback.configurationFile}, which replaces pyacq's logging,
 * the automatic configuration runs as usual. Chosen with the system property {@value #PROPERTY}
 * (SLF4J's way of naming a provider), which {@code PyacqCommand} sets for its short commands.
 */
public final class CommandLogProvider implements SLF4JServiceProvider {
    /** SLF4J's system property that names the provider class. */
    public static final String PROPERTY = "slf4j.provider";
    /** SLF4J's system property for the level of its own messages. */
    private static final String VERBOSITY = "slf4j.internal.verbosity";
    private LoggerContext context;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    /** Makes SLF4J use this provider in this process, unless a provider is named already. */
    public static void select() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CommandLogProvider.class.getName());
            if (System.getProperty(VERBOSITY) == null) {
                System.setProperty(VERBOSITY, "WARN");   // SLF4J says at INFO level which provider it loads
            }
        }
    }

    @Override
    public void initialize() {
        LoggerContext lc = new LoggerContext();
        lc.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        lc.setMDCAdapter(adapter);
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            try {
                new ContextInitializer(lc).autoConfig();   // the user's file replaces pyacq's logging
            } catch (JoranException e) {
                org.slf4j.helpers.Util.report("failed to configure logging from "
                        + System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY), e);
            }
        }
        lc.start();
        context = lc;
        markers = new BasicMarkerFactory();
        mdc = adapter;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}

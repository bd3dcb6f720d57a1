package org.pyacq.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;

/**
 * An encoder for a {@code ConsoleAppender} that writes {@link PyacqConsoleLayout}'s format:
 * <pre>{@code
 * <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
 *   <target>System.err</target>
 *   <encoder class="org.pyacq.log.PyacqConsoleEncoder"><color>auto</color></encoder>
 * </appender>
 * }</pre>
 */
public class PyacqConsoleEncoder extends LayoutWrappingEncoder<ILoggingEvent> {
    private final PyacqConsoleLayout pyacqLayout = new PyacqConsoleLayout();

    public PyacqConsoleEncoder() {
        setLayout(pyacqLayout);
    }

    /** {@code auto} (the default), {@code always} or {@code never}; see {@link ConsoleColor}. */
    public void setColor(String color) {
        pyacqLayout.setColor(color);
    }

    public void setColor(ConsoleColor color) {
        pyacqLayout.setColor(color);
    }

    @Override
    public void start() {
        if (pyacqLayout.getContext() == null) {
            pyacqLayout.setContext(getContext());
        }
        pyacqLayout.start();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        pyacqLayout.stop();
    }
}

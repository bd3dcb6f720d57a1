package org.pyacq.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;
import java.util.Objects;
import org.pyacq.transport.ProcessIdentity;

/**
 * Formats an event as pyacq's console does: {@code [host:process:thread] message}, followed by the
 * exception text on the next lines. Host and process come from the {@link PyacqMdc} keys for records
 * received from other processes, and are this process's names otherwise. With colour on (see
 * {@link ConsoleColor}; property {@code color}, default {@code auto}), the prefix has one colour per
 * source and the message one per level.
 */
public class PyacqConsoleLayout extends LayoutBase<ILoggingEvent> {
    private static final String NEWLINE = System.lineSeparator();
    private ConsoleColor color = ConsoleColor.AUTO;
    private final AnsiStyles styles = new AnsiStyles();
    private boolean colored;

    /** {@code auto} (the default), {@code always} or {@code never}. */
    public void setColor(String color) {
        this.color = ConsoleColor.parse(color);
    }

    public void setColor(ConsoleColor color) {
        this.color = Objects.requireNonNull(color, "color");
    }

    public ConsoleColor getColor() {
        return color;
    }

    @Override
    public void start() {
        colored = color.enabled();
        super.start();
    }

    /** True if this layout writes colours (decided at start). */
    public boolean isColored() {
        return colored;
    }

    /** The source of an event, {@code host:process:thread}. */
    static String source(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String host = mdc.get(PyacqMdc.HOST);
        String process = mdc.get(PyacqMdc.PROCESS);
        return (host != null ? host : ProcessIdentity.hostName()) + ":"
                + (process != null ? process : ProcessIdentity.processName()) + ":" + event.getThreadName();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String source = source(event);
        String message = event.getFormattedMessage();
        String exception = LogRecordJson.exceptionText(event);
        StringBuilder out = new StringBuilder(source.length() + (message == null ? 4 : message.length()) + 16);
        if (colored) {
            out.append(styles.forSource(source));
        }
        out.append('[').append(source).append(']');
        if (colored) {
            out.append(AnsiStyles.RESET);
        }
        out.append(' ');
        String levelStyle = colored ? AnsiStyles.forLevel(PythonLevels.of(event)) : "";
        out.append(levelStyle).append(message);
        if (exception != null) {
            out.append(NEWLINE).append(exception);
        }
        if (!levelStyle.isEmpty()) {
            out.append(AnsiStyles.RESET);
        }
        return out.append(NEWLINE).toString();
    }
}

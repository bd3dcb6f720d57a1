package org.pyacq.log;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;

/**
 * Whether console output is coloured: {@link #AUTO} colours only a terminal (a console is
 * attached, {@code TERM} is not {@code dumb}, and {@code NO_COLOR} is unset or empty, see
 * no-color.org); {@link #ALWAYS} and {@link #NEVER} force it.
 */
public enum ConsoleColor {
    AUTO, ALWAYS, NEVER;

    /** Parses {@code auto}, {@code always} or {@code never} (any case; also on/off, true/false). */
    public static ConsoleColor parse(String text) {
        switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "auto": return AUTO;
            case "always":
            case "on":
            case "true":
            case "yes": return ALWAYS;
            case "never":
            case "off":
            case "false":
            case "no": return NEVER;
            default:
                throw new IllegalArgumentException("color must be auto, always or never, got '" + text + "'");
        }
    }

    /** True if output should be coloured in this process now. */
    public boolean enabled() {
        return enabled(isTerminal(), System.getenv());
    }

    /** The decision, given whether a terminal is attached and the environment. */
    boolean enabled(boolean terminal, Map<String, String> env) {
        switch (this) {
            case ALWAYS: return true;
            case NEVER: return false;
            default:
                String noColor = env.get("NO_COLOR");
                if (noColor != null && !noColor.isEmpty()) {
                    return false;
                }
                return terminal && !"dumb".equals(env.get("TERM"));
        }
    }

    /** True if the process has a terminal (from JDK 22, {@code System.console()} exists even without one). */
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;   // JDK 17 to 21: a console is a terminal
        }
    }
}

package org.pyacq.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Called inside a child (through RPC) to change a logger's level. */
public final class RemoteLogLevel {
    private RemoteLogLevel() {
    }

    /** Sets logger {@code name} ("ROOT" for the root) to a Python level (10 debug ... 50 critical). */
    public static String set(String name, int pythonLevel) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        Level level = pythonLevel <= 5 ? Level.TRACE : pythonLevel <= 10 ? Level.DEBUG : pythonLevel <= 20 ? Level.INFO
                : pythonLevel <= 30 ? Level.WARN : Level.ERROR;
        logger.setLevel(level);
        return level.toString();
    }
}

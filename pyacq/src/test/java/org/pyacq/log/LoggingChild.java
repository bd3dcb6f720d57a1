package org.pyacq.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child JVM for tests: configures logging as a spawned child, logs, and exits at once. */
public final class LoggingChild {
    private LoggingChild() {
    }

    /** Arguments: log server address, number of records, characters of padding per record. */
    public static void main(String[] args) {
        LogSetup.configureChild(args[0], 20, "exiting-child");
        Logger log = LoggerFactory.getLogger("child.main");
        int count = Integer.parseInt(args[1]);
        String padding = "p".repeat(Integer.parseInt(args[2]));
        for (int i = 0; i < count; i++) {
            log.info("record {} {}", i, padding);
        }
        log.error("last words");
        System.exit(3);
    }
}

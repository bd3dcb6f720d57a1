package org.pyacq.daemon;

import java.util.List;
import java.util.Map;

/** The daemon's log service: where records come in, where they are re-published, and recent history. */
interface LogHub extends AutoCloseable {
    /** The log server address children and clients send records to. */
    String logAddress();

    /** The address live records are re-published on (a PUB socket; subscribe to everything). */
    String feedAddress();

    /**
     * Recent records, oldest first: at most {@code limit}, of level {@code minLevel} (Python
     * number) or above, from {@code process} (null: any).
     */
    List<Map<String, Object>> recent(String process, int minLevel, int limit);

    @Override
    void close();
}

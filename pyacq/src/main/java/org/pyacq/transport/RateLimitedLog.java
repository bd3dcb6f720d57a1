package org.pyacq.transport;

import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs a problem once per source (peer), so that a misbehaving or hostile peer cannot flood the
 * log. Remembers a bounded number of sources; past that it says so once. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final int maxSources;
    private final Set<String> seen = new LinkedHashSet<>();
    private boolean saturated;

    public RateLimitedLog(Logger log, int maxSources) {
        this.log = log;
        this.maxSources = maxSources;
    }

    /** Logs at warning level the first time {@code source} is seen. */
    public synchronized void warn(String source, String format, Object... args) {
        if (seen.contains(source)) {
            return;
        }
        if (seen.size() >= maxSources) {
            if (!saturated) {
                saturated = true;
                log.warn("more than {} peers misbehaved; not logging further ones", maxSources);
            }
            return;
        }
        seen.add(source);
        log.warn(format, args);
    }
}

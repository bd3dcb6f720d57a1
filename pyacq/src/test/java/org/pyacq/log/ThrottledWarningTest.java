package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

    @Test
    void aRepeatedProblemIsLoggedOncePerIntervalWithTheCountInBetween() throws Exception {
        LoggerContext context = TestEvents.freshContext();
        EventCollector out = new EventCollector();
        out.setContext(context);
        out.start();
        Logger logger = context.getLogger("throttled");
        logger.addAppender(out);
        AtomicLong now = new AtomicLong();
        ThrottledWarning warning = new ThrottledWarning(logger, 10, TimeUnit.SECONDS, now::get);

        for (int i = 0; i < 100; i++) {
            warning.warn("dropped a malformed record", null);
        }
        assertEquals("dropped a malformed record", out.next().getFormattedMessage());
        assertNull(out.poll(), "99 repeats within the interval are only counted");

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        warning.warn("dropped a malformed record", null);
        assertEquals("dropped a malformed record (99 similar problems not logged since the last report)",
                out.next().getFormattedMessage());
        context.stop();
    }
}

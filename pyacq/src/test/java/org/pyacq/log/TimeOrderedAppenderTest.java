package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Events from many processes leave in creation order after the hold-back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TimeOrderedAppenderTest {
    private static final long T0 = 1_700_000_000L * 1_000_000_000L;
    private final LoggerContext context = TestEvents.freshContext();
    private final EventCollector out = new EventCollector();
    /** Clocks that move only when the test says so. */
    private final AtomicLong wall = new AtomicLong(T0);
    private final AtomicLong mono = new AtomicLong(5_000_000_000L);
    private final TimeOrderedAppender.TimeSource fake = new TimeOrderedAppender.TimeSource() {
        @Override
        public long wallNanos() {
            return wall.get();
        }

        @Override
        public long monoNanos() {
            return mono.get();
        }
    };

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private TimeOrderedAppender sorter(TimeOrderedAppender.TimeSource time, long holdBackMillis, int bufferSize) {
        out.setContext(context);
        out.start();
        TimeOrderedAppender sorter = new TimeOrderedAppender(time);
        sorter.setContext(context);
        sorter.setName("sorted");
        sorter.setHoldBackMillis(holdBackMillis);
        sorter.setBufferSize(bufferSize);
        sorter.addAppender(out);
        sorter.start();
        return sorter;
    }

    private static ILoggingEvent createdAt(String message, long millisAfterT0) {
        return TestEvents.event("x", Level.INFO, message, "t",
                Instant.ofEpochSecond(0, T0 + TimeUnit.MILLISECONDS.toNanos(millisAfterT0)));
    }

    private void advance(long millis) {
        wall.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        mono.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static List<String> messages(List<ILoggingEvent> events) {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void outOfOrderEventsLeaveInCreationOrderAfterTheHoldBack() throws Exception {
        TimeOrderedAppender sorter = sorter(fake, 200, 1000);
        advance(50);
        sorter.doAppend(createdAt("third", 30));
        sorter.doAppend(createdAt("first", 10));
        sorter.doAppend(createdAt("second", 20));
        sorter.recheck();
        assertEquals(3, sorter.heldCount(), "nothing leaves before the hold-back");
        assertNull(out.poll());

        advance(170);   // now 220 ms after T0: "first" and "second" are 200 ms old, "third" is not
        sorter.recheck();
        assertEquals(List.of("first", "second"), messages(out.next(2)));
        assertEquals(1, sorter.heldCount());

        advance(10);
        sorter.recheck();
        assertEquals("third", out.next().getFormattedMessage());
        sorter.stop();
    }

    @Test
    void stopEmitsEverythingHeldInCreationOrder() throws Exception {
        TimeOrderedAppender sorter = sorter(fake, 200, 1000);
        sorter.doAppend(createdAt("c", 3));
        sorter.doAppend(createdAt("a", 1));
        sorter.doAppend(createdAt("b", 2));
        sorter.stop();
        assertEquals(List.of("a", "b", "c"), messages(out.next(3)));
        assertEquals(0, sorter.heldCount());
    }

    @Test
    void anEventFromAClockAheadIsHeldNoLongerThanTheHoldBackAfterArriving() throws Exception {
        TimeOrderedAppender sorter = sorter(fake, 200, 1000);
        sorter.doAppend(createdAt("from the future", 3_600_000));
        sorter.recheck();
        assertNull(out.poll());
        advance(200);
        sorter.recheck();
        assertEquals("from the future", out.next().getFormattedMessage());
        sorter.stop();
    }

    @Test
    void pastTheBufferSizeTheOldestLeaveAtOnce() throws Exception {
        TimeOrderedAppender sorter = sorter(fake, 200, 3);
        for (int i = 1; i <= 5; i++) {
            sorter.doAppend(createdAt("e" + i, i));
        }
        assertEquals(List.of("e1", "e2"), messages(out.next(2)));
        sorter.stop();
        assertEquals(List.of("e3", "e4", "e5"), messages(out.next(3)));
    }

    @Test
    void withTheRealClockEventsLeaveByThemselves() throws Exception {
        TimeOrderedAppender sorter = sorter(TimeOrderedAppender.TimeSource.SYSTEM, 20, 1000);
        Instant now = Instant.now();
        sorter.doAppend(TestEvents.event("x", Level.INFO, "later", "t", now));
        sorter.doAppend(TestEvents.event("x", Level.INFO, "earlier", "t", now.minusMillis(5)));
        assertEquals(List.of("earlier", "later"), messages(out.next(2)));
        sorter.stop();
    }
}

package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects events, as an appender or a log server target, for tests to wait on. */
final class EventCollector extends AppenderBase<ILoggingEvent> implements Consumer<ILoggingEvent> {
    private final LinkedBlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();

    EventCollector() {
        setName("collector");
    }

    @Override
    public void accept(ILoggingEvent event) {
        events.add(event);
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The next event; fails if none comes within 20 s. */
    ILoggingEvent next() throws InterruptedException {
        ILoggingEvent e = events.poll(20, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 20 s");
        return e;
    }

    /** The next {@code n} events. */
    List<ILoggingEvent> next(int n) throws InterruptedException {
        List<ILoggingEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The event now waiting, or null: for checking that nothing (more) came. */
    ILoggingEvent poll() {
        return events.poll();
    }

    int size() {
        return events.size();
    }
}

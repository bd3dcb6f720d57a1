package org.pyacq.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) cancel a {@link Cancellation} instead of exiting the JVM at once,
 * so a command can stop cleanly and choose its exit code. A second signal while stopping ends
 * the process at once when {@code haltOnRepeat} is set (the program owns its process). Closing
 * puts the previous handlers back.
 */
final class ShutdownSignals implements AutoCloseable {
    private static final String[] NAMES = {"TERM", "INT"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private ShutdownSignals() {
    }

    static ShutdownSignals install(Cancellation cancellation, boolean haltOnRepeat) {
        ShutdownSignals installed = new ShutdownSignals();
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.incrementAndGet() > 1 && haltOnRepeat) {
                Runtime.getRuntime().halt(128 + signal.getNumber());
            }
            cancellation.cancel("SIG" + signal.getName());
        };
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                installed.previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // not on this platform, or reserved by the JVM (-Xrs): the default behaviour stays
            }
        }
        return installed;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}

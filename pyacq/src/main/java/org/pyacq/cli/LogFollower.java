package org.pyacq.cli;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.Subscriber;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;

/**
 * Receives the daemon's live log records from its feed (a SUB socket, subscribed to everything).
 * The socket belongs to the thread that creates the follower, which must also call
 * {@link #follow} and {@link #close}; other threads stop it through the {@link Cancellation}
 * (which only wakes the poller up), never by interrupting it.
 */
final class LogFollower implements AutoCloseable {
    /** How often the follower checks that the daemon is still there. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    /** Why {@link #follow} returned. */
    enum End { CANCELLED, DAEMON_GONE }

    private final Subscriber socket;
    private final Object wakeLock = new Object();
    private boolean closed;

    /** Connects and subscribes now, so records sent from here on are received (after ZeroMQ's join delay). */
    LogFollower(String feedAddress) {
        socket = Subscriber.connect(feedAddress, DefaultSecurity.get(), 1 << 20);
    }

    /**
     * Hands each record to {@code sink} until {@code cancellation} is cancelled or
     * {@code daemonAlive} says the daemon is gone. Frames that are not records are skipped.
     */
    End follow(Consumer<Map<String, Object>> sink, Cancellation cancellation, BooleanSupplier daemonAlive) {
        cancellation.onCancel(reason -> wakeup());
        while (!cancellation.isCancelled()) {
            while (true) {
                byte[] frame = socket.tryReceive();
                if (frame == null) {
                    break;
                }
                Map<String, Object> record = decode(frame);
                if (record != null) {
                    sink.accept(record);
                }
                if (cancellation.isCancelled()) {
                    return End.CANCELLED;
                }
            }
            if (!daemonAlive.getAsBoolean()) {
                return End.DAEMON_GONE;
            }
            socket.awaitChange(CHECK_EVERY.toNanos());
        }
        return End.CANCELLED;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(byte[] frame) {
        try {
            Object v = Serializers.JSON.decode(ByteBuffer.wrap(frame), ValueMapper.PLAIN);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        } catch (WireFormatException e) {
            return null;
        }
    }

    private void wakeup() {
        synchronized (wakeLock) {
            if (!closed) {
                socket.wakeup();
            }
        }
    }

    @Override
    public void close() {
        synchronized (wakeLock) {
            closed = true;
        }
        socket.close();
    }
}

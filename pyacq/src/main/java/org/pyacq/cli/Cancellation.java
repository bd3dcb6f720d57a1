package org.pyacq.cli;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Asks a running command to stop, from another thread: Ctrl-C and SIGTERM in {@code main}, the
 * caller of {@link PyacqCommand#execute(String[], java.io.PrintWriter, java.io.PrintWriter, Cancellation)}
 * in tests and embeddings. Commands that run until stopped ({@code daemon}, {@code logs -f})
 * register what stops them; long waits never rely on {@code Thread.interrupt()}.
 */
public final class Cancellation {
    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** Cancels; the first reason wins. Safe from any thread, also from signal handlers. */
    public void cancel(String why) {
        reason.complete(Objects.requireNonNull(why, "why"));
    }

    public boolean isCancelled() {
        return reason.isDone();
    }

    /**
     * Runs {@code action} with the reason once cancelled: at once (on this thread) if already
     * cancelled, else on the thread that cancels. Keep actions short and non-blocking.
     */
    public void onCancel(Consumer<String> action) {
        Objects.requireNonNull(action, "action");
        reason.thenAccept(action);
    }
}

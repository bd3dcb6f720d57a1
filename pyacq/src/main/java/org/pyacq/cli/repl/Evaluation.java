package org.pyacq.cli.repl;

import java.util.concurrent.CompletableFuture;

/**
 * One input running on the session's evaluation thread. {@link #cancel()} is what Ctrl-C calls:
 * it returns at once, the REPL prints {@code cancelled}, and the session stays usable; the remote
 * call that was awaited is cancelled locally (the server may still finish it).
 *
 * <pre>{@code
 * Evaluation e = session.submit("latch.await()");
 * e.cancel();                       // from the signal handler
 * Outcome o = e.await();            // CANCELLED
 * }</pre>
 */
public final class Evaluation {
    private final CancellableWait wait;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    Evaluation(CancellableWait wait) {
        this.wait = wait;
    }

    /** Stops waiting; the outcome becomes {@link Outcome.Status#CANCELLED} unless it was already done. Any thread. */
    public void cancel() {
        wait.cancel();
        synchronized (this) {
            outcome.complete(Outcome.cancelled());
        }
    }

    /** Waits for the outcome (returns at once after {@link #cancel()}). */
    public Outcome await() {
        return outcome.join();
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    /** Completes when the evaluation first waits for a reply (or for any remote work). */
    public CompletableFuture<Void> waitingForReply() {
        return wait.firstWait();
    }

    /** Sets the outcome unless a cancel came first; true if it was set. */
    boolean finish(Outcome o) {
        return finish(o, () -> { });
    }

    /**
     * Sets the outcome unless a cancel came first, running {@code first} just before (so that
     * whoever sees the outcome also sees what {@code first} recorded); true if it was set.
     */
    synchronized boolean finish(Outcome o, Runnable first) {
        if (outcome.isDone()) {
            return false;
        }
        first.run();
        return outcome.complete(o);
    }

    CancellableWait waits() {
        return wait;
    }
}

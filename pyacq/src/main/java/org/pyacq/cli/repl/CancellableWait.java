package org.pyacq.cli.repl;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.pyacq.rpc.RpcException;

/**
 * How one evaluation waits for remote work so that Ctrl-C can end the wait from another thread.
 * The evaluating thread never blocks inside a socket: remote calls are made asynchronously and
 * their {@code RpcFuture} awaited here; the few client operations that only exist synchronously
 * (imports, reading a published object, copying a value) run on an I/O pool and their future is
 * awaited instead. {@link #cancel()} wakes the waiter and cancels the futures it owns; nothing is
 * ever interrupted.
 *
 * <p>A wait may also be bounded ({@code limit}): completion uses that so it never hangs.
 */
final class CancellableWait {
    private final Executor io;
    private final Duration limit;
    private final CompletableFuture<Void> cancelled = new CompletableFuture<>();
    private final CompletableFuture<Void> firstWait = new CompletableFuture<>();
    private final Set<CompletableFuture<?>> owned = ConcurrentHashMap.newKeySet();

    /**
     * @param io where synchronous client operations run
     * @param limit longest single wait, or null for no limit beyond the calls' own timeouts
     */
    CancellableWait(Executor io, Duration limit) {
        this.io = Objects.requireNonNull(io, "io");
        this.limit = limit;
    }

    /** Stops the current and every later wait; cancels the calls this evaluation made. Any thread. */
    void cancel() {
        if (cancelled.complete(null)) {
            for (CompletableFuture<?> f : owned) {
                f.cancel(false);
            }
        }
    }

    boolean isCancelled() {
        return cancelled.isDone();
    }

    void checkNotCancelled() {
        if (isCancelled()) {
            throw new EvaluationCancelledException();
        }
    }

    /** Completes when this evaluation first waits for something remote (tests and progress displays use it). */
    CompletableFuture<Void> firstWait() {
        return firstWait;
    }

    /** Waits for a future the user holds ({@code await f}): a cancel ends the wait but leaves the future running. */
    <T> T await(CompletableFuture<T> f) {
        checkNotCancelled();
        firstWait.complete(null);
        if (!f.isDone()) {
            try {
                CompletableFuture<Object> either = CompletableFuture.anyOf(f, cancelled);
                if (limit == null) {
                    either.get();
                } else {
                    either.get(limit.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (ExecutionException | CancellationException settled) {
                // f failed or was cancelled: read below
            } catch (TimeoutException e) {
                throw new ReplException("no answer within " + limit.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvaluationCancelledException();
            }
            if (!f.isDone()) {
                throw new EvaluationCancelledException();
            }
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            if (isCancelled()) {
                throw new EvaluationCancelledException();
            }
            throw new ReplException("the call was cancelled before it finished");
        }
    }

    /** Waits for a call made for this evaluation; a cancel ends the wait and cancels the call's future. */
    <T> T awaitOwned(CompletableFuture<T> f) {
        owned.add(f);
        try {
            return await(f);
        } catch (EvaluationCancelledException e) {
            f.cancel(false);
            throw e;
        } finally {
            owned.remove(f);
        }
    }

    /** Runs a synchronous client operation on the I/O pool and waits for it (the operation finishes there if cancelled). */
    <T> T blocking(Supplier<T> operation) {
        checkNotCancelled();
        return awaitOwned(CompletableFuture.supplyAsync(operation, io));
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new RpcException(String.valueOf(cause), cause);
    }
}

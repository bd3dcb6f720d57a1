package org.pyacq.rpc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A result that a served method gives later: the request's reply is sent when the stage
 * completes (with its value, or with its exception as a remote error), and the server thread or
 * worker that ran the method is free in the meantime. A method that waits on something slow (a
 * call into another process, a device) returns one so that other requests keep being served.
 *
 * <pre>{@code
 * public DeferredResult<Map<String, Object>> call(Map<String, Object> request) {
 *     return DeferredResult.of(CompletableFuture.supplyAsync(() -> slowWork(request), executor));
 * }
 * }</pre>
 *
 * <p>Only the caller that made the request sees the value; if it is gone by then, the value is
 * dropped. Values should be plain data (numbers, text, lists, maps, arrays): an object sent by
 * proxy is exported as for any reply. To a caller that does not wait for replies, nothing is sent.
 *
 * @param <T> the type of the value
 */
public final class DeferredResult<T> {
    private final CompletionStage<? extends T> stage;

    private DeferredResult(CompletionStage<? extends T> stage) {
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /** A result sent once {@code stage} completes. */
    public static <T> DeferredResult<T> of(CompletionStage<? extends T> stage) {
        return new DeferredResult<>(stage);
    }

    /** A result known already (sent at once). */
    public static <T> DeferredResult<T> completed(T value) {
        return new DeferredResult<>(CompletableFuture.completedFuture(value));
    }

    CompletionStage<? extends T> stage() {
        return stage;
    }

    /** The value, waiting for it (for Java code that calls the method in its own process). */
    public T join() {
        return stage.toCompletableFuture().join();
    }
}

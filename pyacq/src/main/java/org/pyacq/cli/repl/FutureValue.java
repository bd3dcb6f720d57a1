package org.pyacq.cli.repl;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The result of {@code async call}: prints as {@code <future pending>} until done; {@code await}
 * gives the value.
 *
 * @param future the pending result (an {@code RpcFuture} for remote calls)
 * @param description what was called, for messages
 */
record FutureValue(CompletableFuture<Object> future, String description) {
    FutureValue {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(description, "description");
    }
}

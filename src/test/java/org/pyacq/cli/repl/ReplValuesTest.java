package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.cli.present.ValuePrinter;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplValuesTest {
    private final ValuePrinter f = new ValuePrinter(a -> null, 10, 8, new ReplValues());

    @Test
    void futuresShowTheirState() {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        assertEquals("<future pending>", f.format(new FutureValue(pending, "l.size()")));
        assertEquals("<future done: 1>", f.format(new FutureValue(CompletableFuture.completedFuture(1), "x")));
        assertEquals("<future done: \"a\">", f.format(new FutureValue(CompletableFuture.completedFuture("a"), "x")));
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("boom"));
        assertEquals("<future failed: boom>", f.format(new FutureValue(failed, "x")));
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertEquals("<future cancelled>", f.format(new FutureValue(cancelled, "x")));
    }

    @Test
    void textBlocksArePrintedVerbatimAndReplValuesNestInLists() {
        assertEquals("line one\nline two", f.format(new TextBlock("line one\nline two")));
        assertEquals("[<future pending>, 2]", f.format(List.of(new FutureValue(new CompletableFuture<>(), "x"), 2)));
    }
}

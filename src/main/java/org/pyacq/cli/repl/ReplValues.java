package org.pyacq.cli.repl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.rpc.RemoteCallException;

/**
 * How the values only the REPL has are printed: {@code <process w1 at tcp://...>},
 * {@code <name java.util in w1>}, {@code <builtin spawn(name[, spec])>}, {@code <future pending>}
 * then {@code <future done: 1>}, and a {@link TextBlock} as its text.
 */
final class ReplValues implements ValuePrinter.Extension {
    @Override
    public String text(Object v, Function<Object, String> nested) {
        if (v instanceof ProcessValue p) {
            return "<process " + p.name() + " at " + p.address() + ">";
        } else if (v instanceof ImportPath p) {
            return "<name " + p.dotted() + " in " + p.process().name() + ">";
        } else if (v instanceof BuiltinFunction b) {
            return "<builtin " + b.usage() + ">";
        } else if (v instanceof FutureValue f) {
            return future(f.future(), nested);
        } else if (v instanceof TextBlock t) {
            return t.text();
        }
        return null;
    }

    private static String future(CompletableFuture<Object> f, Function<Object, String> nested) {
        if (!f.isDone()) {
            return "<future pending>";
        } else if (f.isCancelled()) {
            return "<future cancelled>";
        } else if (f.isCompletedExceptionally()) {
            Throwable cause;
            try {
                f.join();
                cause = null;
            } catch (CompletionException e) {
                cause = e.getCause();
            }
            return "<future failed: " + (cause instanceof RemoteCallException r ? r.summary()
                    : ErrorFormatter.firstLine(cause)) + ">";
        }
        return "<future done: " + nested.apply(f.join()) + ">";
    }
}

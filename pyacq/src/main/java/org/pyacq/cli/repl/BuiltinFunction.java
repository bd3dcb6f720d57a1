package org.pyacq.cli.repl;

import java.util.List;
import java.util.Objects;

/**
 * A function of the REPL itself ({@code spawn}, {@code ps}, {@code len} ...), or a method of a
 * process value ({@code w.published}).
 *
 * @param name the name it is called by
 * @param usage how to call it, e.g. {@code spawn(name[, settings])}
 * @param body what it does
 */
record BuiltinFunction(String name, String usage, Body body) {

    /** Runs a builtin with evaluated arguments (imports already resolved). */
    @FunctionalInterface
    interface Body {
        Object call(Evaluator evaluator, List<Object> args);
    }

    BuiltinFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(body, "body");
    }
}

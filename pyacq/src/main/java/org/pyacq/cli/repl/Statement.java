package org.pyacq.cli.repl;

/** One line (or multi-line unit) of REPL input: an assignment or an expression whose value is printed. */
sealed interface Statement {

    /** {@code target = value}; the target is a name, an attribute ({@code obj.field}) or an item ({@code list[0]}). */
    record Assign(Node target, Node value, int pos) implements Statement {
    }

    /** An expression whose result is printed. */
    record Expression(Node expression) implements Statement {
    }
}

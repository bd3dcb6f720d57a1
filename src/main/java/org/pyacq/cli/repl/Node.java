package org.pyacq.cli.repl;

import java.util.List;
import java.util.stream.Collectors;
import org.pyacq.cli.present.ValuePrinter;

/**
 * An expression of the REPL language, as the parser builds it. Every node records the input
 * offset that error messages point at.
 */
sealed interface Node {

    /** Offset of the node in the input (for a call, the opening parenthesis). */
    int pos();

    /** The expression written back as source, in a canonical form (used in messages and tests). */
    String toSource();

    /** A number, string, boolean or null. */
    record Literal(Object value, int pos) implements Node {
        @Override
        public String toSource() {
            return value instanceof String s ? ValuePrinter.quote(s) : String.valueOf(value);
        }
    }

    /** {@code [a, b]}. */
    record ListLiteral(List<Node> items, int pos) implements Node {
        public ListLiteral {
            items = List.copyOf(items);
        }

        @Override
        public String toSource() {
            return items.stream().map(Node::toSource).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** {@code {k: v}}; keys and values in source order. */
    record MapLiteral(List<Node> keys, List<Node> values, int pos) implements Node {
        public MapLiteral {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
            if (keys.size() != values.size()) {
                throw new IllegalArgumentException("a map literal needs as many keys as values");
            }
        }

        @Override
        public String toSource() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < keys.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(keys.get(i).toSource()).append(": ").append(values.get(i).toSource());
            }
            return sb.append('}').toString();
        }
    }

    /** A variable, builtin, or (in {@code pyacq eval}) the first part of a dotted import name. */
    record Name(String name, int pos) implements Node {
        @Override
        public String toSource() {
            return name;
        }
    }

    /** {@code target.name}. */
    record Attribute(Node target, String name, int pos) implements Node {
        @Override
        public String toSource() {
            return target.toSource() + "." + name;
        }
    }

    /** {@code callee(args)}. */
    record Call(Node callee, List<Node> args, int pos) implements Node {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toSource() {
            return callee.toSource() + args.stream().map(Node::toSource).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** {@code target[key]}. */
    record Index(Node target, Node key, int pos) implements Node {
        @Override
        public String toSource() {
            return target.toSource() + "[" + key.toSource() + "]";
        }
    }

    /** {@code async call}: the call (or index) runs without waiting and gives a future. */
    record Async(Node call, int pos) implements Node {
        @Override
        public String toSource() {
            return "async " + call.toSource();
        }
    }

    /** {@code await future}. */
    record Await(Node future, int pos) implements Node {
        @Override
        public String toSource() {
            return "await " + future.toSource();
        }
    }
}

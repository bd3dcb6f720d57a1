package org.pyacq.cli.repl;

import java.util.ArrayList;
import java.util.List;
import org.pyacq.cli.repl.Token.Kind;

/**
 * Recursive-descent parser for the grammar in the package documentation. Each parse makes new
 * nodes; nothing is kept between inputs.
 *
 * <pre>{@code
 * Statement s = StatementParser.parse("l = AL()");          // Assign(Name l, Call(Name AL, []))
 * Node e = StatementParser.parseExpression("l[0].x");
 * }</pre>
 */
final class StatementParser {
    private final List<Token> tokens;
    private int next;

    private StatementParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Parses one statement; null for input that is empty or only comments.
     *
     * @throws IncompleteInputException when a string or bracket is still open at the end
     * @throws ReplSyntaxException for other errors, with the offset of the offending token
     */
    static Statement parse(String src) {
        Tokenizer.Tokens tokens = Tokenizer.tokenize(src);
        try {
            Statement s = new StatementParser(tokens.tokens()).statement();
            if (tokens.incomplete() != null) {
                throw tokens.incomplete();
            }
            return s;
        } catch (IncompleteInputException e) {
            throw e;
        } catch (ReplSyntaxException e) {
            // an error at the end of incomplete input only says that more is to come
            if (tokens.incomplete() != null && e.position() >= src.length()) {
                throw tokens.incomplete();
            }
            throw e;
        }
    }

    /** True if {@code src} is a statement that goes on: a bracket or string is open, and nothing before is wrong. */
    static boolean isIncomplete(String src) {
        try {
            parse(src);
            return false;
        } catch (IncompleteInputException e) {
            return true;
        } catch (ReplSyntaxException e) {
            return false;
        }
    }

    private Statement statement() {
        StatementParser p = this;
        if (p.peek().kind() == Kind.END) {
            return null;
        }
        Node first = p.expression();
        Statement result;
        if (p.peek().kind() == Kind.EQUALS) {
            Token equals = p.advance();
            if (!(first instanceof Node.Name || first instanceof Node.Attribute || first instanceof Node.Index)) {
                throw new ReplSyntaxException("cannot assign to " + first.toSource()
                        + "; assign to a variable, an attribute (obj.field) or an item (list[0])", equals.start());
            }
            result = new Statement.Assign(first, p.expression(), equals.start());
        } else {
            result = new Statement.Expression(first);
        }
        p.expectEnd();
        return result;
    }

    /** Parses one expression (no assignment). */
    static Node parseExpression(String src) {
        Statement s = parse(src);
        if (s == null) {
            throw new ReplSyntaxException("expected an expression", 0);
        }
        if (s instanceof Statement.Assign a) {
            throw new ReplSyntaxException("expected an expression, not an assignment", a.pos());
        }
        return ((Statement.Expression) s).expression();
    }

    private void expectEnd() {
        Token t = peek();
        if (t.kind() != Kind.END) {
            String hint = t.kind() == Kind.EQUALS ? " (one assignment per line)" : "";
            throw new ReplSyntaxException("unexpected " + t.describe() + " after the end of the expression" + hint,
                    t.start());
        }
    }

    // expression := 'async' expression | 'await' expression | postfix
    private Node expression() {
        Token t = peek();
        if (t.kind() == Kind.ASYNC) {
            advance();
            Node inner = expression();
            if (!(inner instanceof Node.Call || inner instanceof Node.Index)) {
                throw new ReplSyntaxException("async needs a call, like: async l.size()", t.start());
            }
            return new Node.Async(inner, t.start());
        }
        if (t.kind() == Kind.AWAIT) {
            advance();
            return new Node.Await(expression(), t.start());
        }
        return postfix();
    }

    // postfix := primary ( '.' NAME | '(' arguments ')' | '[' expression ']' )*
    private Node postfix() {
        Node node = primary();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.DOT) {
                advance();
                Token name = advance();
                // keywords are fine as member names: latch.await(), x.null
                if (name.kind() != Kind.NAME && !name.kind().isKeyword()) {
                    throw new ReplSyntaxException("expected a name after '.', found " + name.describe(), name.start());
                }
                node = new Node.Attribute(node, name.text(), name.start());
            } else if (t.kind() == Kind.LPAREN) {
                advance();
                List<Node> args = sequence(Kind.RPAREN, "argument");
                node = new Node.Call(node, args, t.start());
            } else if (t.kind() == Kind.LBRACKET) {
                advance();
                if (peek().kind() == Kind.RBRACKET) {
                    throw new ReplSyntaxException("expected an index between '[' and ']'", peek().start());
                }
                Node key = expression();
                expect(Kind.RBRACKET, "after the index");
                node = new Node.Index(node, key, t.start());
            } else {
                return node;
            }
        }
    }

    private Node primary() {
        Token t = advance();
        switch (t.kind()) {
            case NUMBER:
            case STRING:
                return new Node.Literal(t.value(), t.start());
            case TRUE:
                return new Node.Literal(Boolean.TRUE, t.start());
            case FALSE:
                return new Node.Literal(Boolean.FALSE, t.start());
            case NULL:
                return new Node.Literal(null, t.start());
            case MINUS: {
                Token n = advance();
                if (n.kind() != Kind.NUMBER) {
                    throw new ReplSyntaxException("'-' works on number literals only, found " + n.describe(), n.start());
                }
                return new Node.Literal(negate(n), t.start());
            }
            case NAME:
                return new Node.Name(t.text(), t.start());
            case LBRACKET:
                return new Node.ListLiteral(sequence(Kind.RBRACKET, "list item"), t.start());
            case LBRACE:
                return map(t);
            case LPAREN: {
                Node inner = expression();
                expect(Kind.RPAREN, "to close '('");
                return inner;
            }
            default:
                throw new ReplSyntaxException("expected an expression, found " + t.describe(), t.start());
        }
    }

    private static Object negate(Token n) {
        Object v = n.value();
        if (v instanceof Long l) {
            return -l;
        }
        return -((Double) v);
    }

    /** Comma-separated expressions up to {@code close} (a trailing comma is allowed); consumes {@code close}. */
    private List<Node> sequence(Kind close, String what) {
        List<Node> items = new ArrayList<>();
        while (peek().kind() != close) {
            items.add(expression());
            Token sep = peek();
            if (sep.kind() == Kind.COMMA) {
                advance();
            } else if (sep.kind() != close) {
                throw new ReplSyntaxException("expected ',' or " + close.description() + " after " + what + ", found "
                        + sep.describe(), sep.start());
            }
        }
        advance();
        return items;
    }

    private Node map(Token open) {
        List<Node> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (peek().kind() != Kind.RBRACE) {
            keys.add(expression());
            expect(Kind.COLON, "between a map key and its value");
            values.add(expression());
            Token sep = peek();
            if (sep.kind() == Kind.COMMA) {
                advance();
            } else if (sep.kind() != Kind.RBRACE) {
                throw new ReplSyntaxException("expected ',' or '}' after a map entry, found " + sep.describe(),
                        sep.start());
            }
        }
        advance();
        return new Node.MapLiteral(keys, values, open.start());
    }

    private void expect(Kind kind, String where) {
        Token t = advance();
        if (t.kind() != kind) {
            throw new ReplSyntaxException("expected " + kind.description() + " " + where + ", found " + t.describe(),
                    t.start());
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token advance() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.END) {
            next++;
        }
        return t;
    }
}

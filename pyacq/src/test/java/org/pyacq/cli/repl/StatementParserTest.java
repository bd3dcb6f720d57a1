package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    private static Node expr(String src) {
        return StatementParser.parseExpression(src);
    }

    @Test
    void attributeCallAndIndexBindLeftToRight() {
        Node n = expr("a.b(c)[0].d");
        Node.Attribute d = assertInstanceOf(Node.Attribute.class, n);
        assertEquals("d", d.name());
        Node.Index index = assertInstanceOf(Node.Index.class, d.target());
        assertEquals(new Node.Literal(0L, 7), index.key());
        Node.Call call = assertInstanceOf(Node.Call.class, index.target());
        assertEquals(List.of(new Node.Name("c", 4)), call.args());
        Node.Attribute b = assertInstanceOf(Node.Attribute.class, call.callee());
        assertEquals(new Node.Name("a", 0), b.target());
        assertEquals("a.b(c)[0].d", n.toSource());
    }

    @Test
    void asyncAndAwaitTakeTheWholePostfixExpression() {
        Node.Async a = assertInstanceOf(Node.Async.class, expr("async l.size()"));
        Node.Call call = assertInstanceOf(Node.Call.class, a.call());
        assertEquals("l.size", call.callee().toSource());
        Node.Await w = assertInstanceOf(Node.Await.class, expr("await f.x"));
        assertInstanceOf(Node.Attribute.class, w.future());
        assertEquals("await async l[0]", expr("await async l[0]").toSource());
    }

    @Test
    void asyncNeedsACall() {
        ReplSyntaxException e = assertThrows(ReplSyntaxException.class, () -> expr("async l.size"));
        assertEquals("async needs a call, like: async l.size()", e.getMessage());
        assertEquals(0, e.position());
    }

    @Test
    void keywordsAreMemberNamesAfterADot() {
        Node.Call c = assertInstanceOf(Node.Call.class, expr("latch.await()"));
        assertEquals("await", ((Node.Attribute) c.callee()).name());
    }

    @Test
    void literals() {
        assertEquals(42L, ((Node.Literal) expr("42")).value());
        assertEquals(-7L, ((Node.Literal) expr("-7")).value());
        assertEquals(31L, ((Node.Literal) expr("0x1f")).value());
        assertEquals(2.5, ((Node.Literal) expr("2.5")).value());
        assertEquals(-0.001, ((Node.Literal) expr("-1e-3")).value());
        assertEquals(true, ((Node.Literal) expr("true")).value());
        assertEquals(false, ((Node.Literal) expr("false")).value());
        assertNull(((Node.Literal) expr("null")).value());
        assertEquals("a\"b\n\tc'é\\", ((Node.Literal) expr("\"a\\\"b\\n\\tc'\\u00e9\\\\\"")).value());
        assertEquals("it's \"x\"", ((Node.Literal) expr("'it\\'s \"x\"'")).value());
        assertEquals("[1, \"two\", [3.0], {\"k\": null}]", expr("[1, 'two', [3.0], {\"k\": null},]").toSource());
        assertEquals("{}", expr("{}").toSource());
        assertEquals("[]", expr("[ ]").toSource());
    }

    @Test
    void assignmentTargets() {
        Statement.Assign a = assertInstanceOf(Statement.Assign.class, StatementParser.parse("x = AL()"));
        assertEquals(new Node.Name("x", 0), a.target());
        assertEquals(2, a.pos());
        assertInstanceOf(Node.Attribute.class,
                ((Statement.Assign) StatementParser.parse("o.field = 1")).target());
        assertInstanceOf(Node.Index.class, ((Statement.Assign) StatementParser.parse("l[0] = 1")).target());
        ReplSyntaxException e = assertThrows(ReplSyntaxException.class, () -> StatementParser.parse("f() = 1"));
        assertEquals("cannot assign to f(); assign to a variable, an attribute (obj.field) or an item (list[0])",
                e.getMessage());
        assertEquals(4, e.position());
    }

    @Test
    void emptyInputAndCommentsAreNoStatement() {
        assertNull(StatementParser.parse(""));
        assertNull(StatementParser.parse("   # just a comment"));
        assertInstanceOf(Statement.Expression.class, StatementParser.parse("x # the value of x"));
    }

    @Test
    void errorsPointAtTheOffendingToken() {
        assertError("l.add(5 6", "expected ',' or ')' after argument, found number 6", 8, false);
        assertError("l.", "expected a name after '.', found end of input", 2, false);
        assertError("x = ", "expected an expression, found end of input", 4, false);
        assertError("a b", "unexpected name b after the end of the expression", 2, false);
        assertError("x = y = 1", "unexpected '=' after the end of the expression (one assignment per line)", 6, false);
        assertError("1 @ 2", "unexpected character '@'", 2, false);
        assertError("f(]", "']' does not close '(' (expected ')')", 2, false);
        assertError("x)", "')' has no opening bracket", 1, false);
        assertError("\"\\q\"", "unknown escape \\q (known: \\n \\t \\r \\b \\f \\0 \\\\ \\\" \\' \\uXXXX)", 1, false);
        assertError("99999999999999999999", "integer 99999999999999999999 does not fit in 64 bits", 0, false);
        assertError("12ab", "invalid number '12a'", 2, false);
        assertError("-x", "'-' works on number literals only, found name x", 1, false);
        assertError("{1 2}", "expected ':' between a map key and its value, found number 2", 3, false);
        assertError("x[]", "expected an index between '[' and ']'", 2, false);
    }

    @Test
    void openBracketsAndStringsAreIncomplete() {
        IncompleteInputException e = assertThrows(IncompleteInputException.class, () -> StatementParser.parse("l.add(["));
        assertEquals("'[' is not closed (expected ']')", e.getMessage());
        assertEquals(6, e.position());
        assertEquals("]", e.missing());
        IncompleteInputException s = assertThrows(IncompleteInputException.class, () -> StatementParser.parse("x = \"ab"));
        assertEquals("\"", s.missing());
        assertTrue(StatementParser.isIncomplete("{\"k\":\n"));
        assertTrue(!StatementParser.isIncomplete("{\"k\": 1}"));
        // a string may span lines
        assertEquals("a\nb", ((Node.Literal) expr("\"a\nb\"")).value());
        assertEquals("[1, 2]", expr("[1,\n 2]").toSource());
    }

    private static void assertError(String src, String message, int position, boolean incomplete) {
        ReplSyntaxException e = assertThrows(ReplSyntaxException.class, () -> StatementParser.parse(src), src);
        assertEquals(message, e.getMessage(), src);
        assertEquals(position, e.position(), src + " " + Arrays.toString(new int[] {e.position()}));
        assertEquals(incomplete, e instanceof IncompleteInputException, src);
    }
}

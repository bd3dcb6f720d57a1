package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pyacq.rpc.RemoteCallException;

class ErrorFormatterTest {

    @Test
    void syntaxErrorsShowTheLineAndACaret() {
        assertEquals("syntax error: expected ',' or ')' after argument, found number 6\n  l.add(5 6\n          ^",
                ErrorFormatter.describe(new ReplSyntaxException("expected ',' or ')' after argument, found number 6", 8),
                        "l.add(5 6"));
    }

    @Test
    void theCaretIsOnTheLineOfAMultiLineInput() {
        assertEquals("  2 @]\n    ^", ErrorFormatter.caret("[1,\n2 @]", 6));
    }

    @Test
    void remoteErrorsAreOneLineWithATraceHint() {
        RemoteCallException e = new RemoteCallException("tcp://127.0.0.1:1", "IllegalStateException",
                List.of("Error while processing request c [3]: \n", "java.lang.IllegalStateException: boom\n",
                        "\tat x.Y.z(Y.java:1)\n"));
        assertEquals("IllegalStateException: boom  (:trace for the remote trace)", ErrorFormatter.describe(e, "x"));
    }

    @Test
    void localErrorsAreOneLine() {
        assertEquals("error: unknown variable 'lx' (did you mean 'l'?)", ErrorFormatter.describe(
                new ReplException("unknown variable 'lx'" + Suggestions.hint("lx", List.of("l", "w"))), "lx"));
        assertEquals("error: first", ErrorFormatter.describe(new IllegalStateException("first\nsecond"), ""));
    }
}

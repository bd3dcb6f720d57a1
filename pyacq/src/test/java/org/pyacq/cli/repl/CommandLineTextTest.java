package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting command lines, and finding what to complete in an expression. */
class CommandLineTextTest {

    @Test
    void commandWordsSplitLikeAShell() {
        assertEquals(List.of(":spawn", "w1", "-J", "-Xmx256m"), CommandWords.split(":spawn  w1 -J -Xmx256m"));
        assertEquals(List.of(":logs", "a b", "it's", ""), CommandWords.split(":logs \"a b\" 'it'\\''s' \"\""));
        assertEquals(":inspect", CommandWords.commandName("  :inspect l.x"));
        assertEquals(11, CommandWords.restOffset("  :inspect l.x"));
    }

    @Test
    void completionTargetsAreDottedChainsBeforeTheCursor() {
        CompletionTarget t = CompletionTarget.of("x = w.java.u");
        assertEquals(CompletionTarget.Kind.CHAIN, t.kind());
        assertEquals("w.java.u", t.word());
        assertEquals(4, t.wordStart());
        assertEquals(List.of("w", "java", "u"), t.parts());
        assertEquals("w.java.", t.head());
        assertEquals("u", t.partial());
        assertEquals(List.of("l", ""), CompletionTarget.of("f(l.").parts());
        assertEquals(CompletionTarget.Kind.NONE, CompletionTarget.of("f().si").kind());
        assertEquals(CompletionTarget.Kind.NONE, CompletionTarget.of("1.5").kind());
        assertEquals(CompletionTarget.Kind.NONE, CompletionTarget.of("\"w.ja").kind());
        CompletionTarget p = CompletionTarget.of("p = process(\"w");
        assertEquals(CompletionTarget.Kind.PROCESS_NAME, p.kind());
        assertEquals("w", p.word());
        assertEquals(CompletionTarget.Kind.CHAIN, CompletionTarget.of("x = \"a\" + pr").kind());
    }

    @Test
    void lineParserSplitsCommandsAndFindsTheExpressionWord() {
        ReplLineParser parser = new ReplLineParser();
        var command = parser.parse(":stop w", 7, org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals(List.of(":stop", "w"), command.words());
        assertEquals(1, command.wordIndex());
        var expression = parser.parse("n = l.si", 8, org.jline.reader.Parser.ParseContext.COMPLETE);
        assertEquals("l.si", expression.word());
        assertEquals(4, expression.wordCursor());
    }

    @Test
    void lineParserAsksForMoreWhileABracketIsOpen() {
        ReplLineParser parser = new ReplLineParser();
        org.jline.reader.EOFError e = org.junit.jupiter.api.Assertions.assertThrows(org.jline.reader.EOFError.class,
                () -> parser.parse("l.add([1,\n2", 11, org.jline.reader.Parser.ParseContext.ACCEPT_LINE));
        assertEquals("]", e.getMissing());
        // wrong input is accepted, so that the evaluation can report it
        parser.parse("l.add(5 6", 9, org.jline.reader.Parser.ParseContext.ACCEPT_LINE);
    }
}

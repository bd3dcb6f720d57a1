package org.pyacq.cli.repl;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's view of REPL input. On Enter, an expression with an open bracket or string raises
 * {@link EOFError} so JLine reads a continuation line; other syntax errors are accepted and
 * reported by the evaluation. For completion, an expression's word is the dotted chain before the
 * cursor (see {@link CompletionTarget}); {@code :command} lines are split into shell-like words.
 */
final class ReplLineParser implements Parser {
    private final DefaultParser commandParser = new DefaultParser();

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (line.stripLeading().startsWith(":")) {
            return commandParser.parse(line, cursor, context);
        }
        if (context == ParseContext.ACCEPT_LINE || context == ParseContext.SECONDARY_PROMPT) {
            try {
                StatementParser.parse(line);
            } catch (IncompleteInputException e) {
                int[] lineAndColumn = lineAndColumn(line, e.position());
                throw new EOFError(lineAndColumn[0], lineAndColumn[1], e.getMessage(), e.missing());
            } catch (ReplSyntaxException reportedWhenRun) {
                // accepted: the evaluation prints it with a caret
            }
        }
        int at = Math.max(0, Math.min(cursor, line.length()));
        CompletionTarget target = CompletionTarget.of(line.substring(0, at));
        return new ExpressionLine(line, at, target.word());
    }

    private static int[] lineAndColumn(String text, int position) {
        int line = 0;
        int column = 0;
        for (int i = 0; i < position && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** An expression line: one word, the completion target ending at the cursor. */
    record ExpressionLine(String line, int cursor, String word) implements CompletingParsedLine {
        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}

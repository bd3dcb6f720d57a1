package org.pyacq.cli.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.pyacq.cli.repl.Token.Kind;

/**
 * Splits REPL input into tokens (see the package documentation for the lexical rules). Also checks
 * that brackets pair up: input that ends in a string or with a bracket open is reported as
 * {@link IncompleteInputException}, so a reader can ask for another line.
 */
final class Tokenizer {
    private static final Map<String, Kind> KEYWORDS = Map.of("true", Kind.TRUE, "false", Kind.FALSE,
            "null", Kind.NULL, "async", Kind.ASYNC, "await", Kind.AWAIT);
    private static final Map<Character, Kind> PUNCTUATION = Map.ofEntries(Map.entry('.', Kind.DOT),
            Map.entry(',', Kind.COMMA), Map.entry(':', Kind.COLON), Map.entry('=', Kind.EQUALS),
            Map.entry('-', Kind.MINUS), Map.entry('(', Kind.LPAREN), Map.entry(')', Kind.RPAREN),
            Map.entry('[', Kind.LBRACKET), Map.entry(']', Kind.RBRACKET), Map.entry('{', Kind.LBRACE),
            Map.entry('}', Kind.RBRACE));

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Token> open = new ArrayDeque<>();
    private int pos;

    private Tokenizer(String src) {
        this.src = src;
    }

    /**
     * The tokens of {@code src}, ending with an {@link Kind#END} token; for input that ends in a
     * string or with a bracket open, the tokens before the string and what is missing.
     *
     * @throws ReplSyntaxException for anything that is not a token, or a bracket that does not pair
     */
    static Tokens tokenize(String src) {
        Tokenizer t = new Tokenizer(src);
        IncompleteInputException incomplete = null;
        try {
            t.run();
        } catch (IncompleteInputException e) {
            incomplete = e;
        }
        t.tokens.add(new Token(Kind.END, "", null, src.length()));
        return new Tokens(List.copyOf(t.tokens), incomplete);
    }

    /**
     * Tokens of an input.
     *
     * @param tokens the tokens, ending with {@link Kind#END}
     * @param incomplete why the input is incomplete, or null when it is not
     */
    record Tokens(List<Token> tokens, IncompleteInputException incomplete) {
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (Character.isJavaIdentifierStart(c)) {
                word();
            } else if (isDigit(c) || c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))
                    && !previousEndsOperand()) {
                number();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (PUNCTUATION.containsKey(c)) {
                punctuation(c);
            } else {
                throw new ReplSyntaxException("unexpected character '" + c + "'", pos);
            }
        }
        if (!open.isEmpty()) {
            Token bracket = open.peek();
            String closing = closerOf(bracket.kind());
            throw new IncompleteInputException("'" + bracket.text() + "' is not closed (expected '" + closing
                    + "')", bracket.start(), closing);
        }
    }

    /** True when the previous token ends a value, so that ".5" after it is an attribute dot, not a number. */
    private boolean previousEndsOperand() {
        if (tokens.isEmpty()) {
            return false;
        }
        Kind k = tokens.get(tokens.size() - 1).kind();
        return k == Kind.NAME || k == Kind.RPAREN || k == Kind.RBRACKET || k == Kind.STRING;
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private void word() {
        int start = pos;
        while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
            pos++;
        }
        String text = src.substring(start, pos);
        tokens.add(new Token(KEYWORDS.getOrDefault(text, Kind.NAME), text, null, start));
    }

    private void number() {
        int start = pos;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == digits) {
                throw new ReplSyntaxException("a hexadecimal number needs digits after 0x", start);
            }
            String text = src.substring(start, pos);
            checkEndOfNumber(start);
            try {
                tokens.add(new Token(Kind.NUMBER, text, Long.parseUnsignedLong(text.substring(2), 16), start));
            } catch (NumberFormatException e) {
                throw new ReplSyntaxException("integer " + text + " does not fit in 64 bits", start);
            }
            return;
        }
        boolean decimal = false;
        digits();
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && isDigit(src.charAt(pos + 1))) {
            decimal = true;
            pos++;
            digits();
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int exponent = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                throw new ReplSyntaxException("an exponent needs digits, like 1e-3", exponent);
            }
            digits();
            decimal = true;
        }
        checkEndOfNumber(start);
        String text = src.substring(start, pos);
        if (decimal) {
            tokens.add(new Token(Kind.NUMBER, text, Double.parseDouble(text), start));
            return;
        }
        try {
            tokens.add(new Token(Kind.NUMBER, text, Long.parseLong(text), start));
        } catch (NumberFormatException e) {
            throw new ReplSyntaxException("integer " + text + " does not fit in 64 bits", start);
        }
    }

    private void checkEndOfNumber(int start) {
        if (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
            throw new ReplSyntaxException("invalid number '" + src.substring(start, pos + 1) + "'", pos);
        }
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void string(char quote) {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw new IncompleteInputException("string starting here is not closed (expected " + quote + ")",
                        start, String.valueOf(quote));
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\') {
                value.append(escape());
            } else {
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Kind.STRING, src.substring(start, pos), value.toString(), start));
    }

    /** Reads the escape at {@code pos} (a backslash) and returns what it stands for. */
    private String escape() {
        int start = pos;
        if (pos + 1 >= src.length()) {
            throw new IncompleteInputException("string ends with a backslash", start, "\"");
        }
        char e = src.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'n':
                return "\n";
            case 't':
                return "\t";
            case 'r':
                return "\r";
            case 'b':
                return "\b";
            case 'f':
                return "\f";
            case '0':
                return "\0";
            case '\\':
            case '"':
            case '\'':
                return String.valueOf(e);
            case '\n':
                return "";
            case 'u':
                if (pos + 4 <= src.length()) {
                    String hex = src.substring(pos, pos + 4);
                    if (hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                        pos += 4;
                        return String.valueOf((char) Integer.parseInt(hex, 16));
                    }
                }
                throw new ReplSyntaxException("\\u needs four hexadecimal digits, like \\u00e9", start);
            default:
                throw new ReplSyntaxException("unknown escape \\" + e
                        + " (known: \\n \\t \\r \\b \\f \\0 \\\\ \\\" \\' \\uXXXX)", start);
        }
    }

    private void punctuation(char c) {
        Kind kind = PUNCTUATION.get(c);
        Token token = new Token(kind, String.valueOf(c), null, pos);
        switch (kind) {
            case LPAREN:
            case LBRACKET:
            case LBRACE:
                open.push(token);
                break;
            case RPAREN:
            case RBRACKET:
            case RBRACE:
                if (open.isEmpty()) {
                    throw new ReplSyntaxException("'" + c + "' has no opening bracket", pos);
                }
                Token opener = open.pop();
                if (!closerOf(opener.kind()).equals(String.valueOf(c))) {
                    throw new ReplSyntaxException("'" + c + "' does not close '" + opener.text() + "' (expected '"
                            + closerOf(opener.kind()) + "')", pos);
                }
                break;
            default:
                break;
        }
        tokens.add(token);
        pos++;
    }

    private static String closerOf(Kind opener) {
        switch (opener) {
            case LPAREN:
                return ")";
            case LBRACKET:
                return "]";
            default:
                return "}";
        }
    }
}

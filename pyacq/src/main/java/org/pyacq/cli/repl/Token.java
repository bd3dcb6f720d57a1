package org.pyacq.cli.repl;

/**
 * One token of REPL input.
 *
 * @param kind what the token is
 * @param text the source text it was read from
 * @param value the literal's value (Long, Double or String) for numbers and strings, else null
 * @param start offset of its first character in the input
 */
record Token(Kind kind, String text, Object value, int start) {

    enum Kind {
        NUMBER("number"), STRING("string"), NAME("name"),
        TRUE("true"), FALSE("false"), NULL("null"), ASYNC("async"), AWAIT("await"),
        DOT("'.'"), COMMA("','"), COLON("':'"), EQUALS("'='"), MINUS("'-'"),
        LPAREN("'('"), RPAREN("')'"), LBRACKET("'['"), RBRACKET("']'"), LBRACE("'{'"), RBRACE("'}'"),
        END("end of input");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** How error messages name this kind, e.g. {@code ')'} or {@code name}. */
        String description() {
            return description;
        }

        boolean isKeyword() {
            return this == TRUE || this == FALSE || this == NULL || this == ASYNC || this == AWAIT;
        }
    }

    /** How an error message names this token: {@code name 'foo'}, {@code ')'}, {@code end of input}. */
    String describe() {
        switch (kind) {
            case NUMBER:
            case NAME:
                return kind.description() + " " + text;
            case STRING:
                return "string " + text;
            default:
                return kind.isKeyword() ? "'" + text + "'" : kind.description();
        }
    }
}

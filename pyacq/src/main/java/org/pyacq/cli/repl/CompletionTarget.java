package org.pyacq.cli.repl;

import java.util.List;

/**
 * What the text before the cursor asks to complete in an expression: a dotted chain of names
 * ({@code w.java.util.Arr}, {@code l.si}, {@code pr}), or a process name inside
 * {@code process("...")}. The line parser and the completer both use it, so the word JLine
 * replaces is exactly the text the candidates were made for.
 *
 * @param kind what is being completed
 * @param wordStart offset in the line where the replaced word starts
 * @param word the text from {@code wordStart} to the cursor
 */
record CompletionTarget(Kind kind, int wordStart, String word) {

    enum Kind {
        /** Names separated by dots; the last part is being typed. */
        CHAIN,
        /** Text inside the string argument of {@code process(}. */
        PROCESS_NAME,
        /** Nothing that can be completed without running code. */
        NONE
    }

    static CompletionTarget of(String before) {
        int stringStart = openStringStart(before);
        if (stringStart >= 0) {
            String head = before.substring(0, stringStart).stripTrailing();
            boolean processArgument = head.endsWith("(") && head.substring(0, head.length() - 1).stripTrailing()
                    .endsWith("process");
            return new CompletionTarget(processArgument ? Kind.PROCESS_NAME : Kind.NONE, stringStart + 1,
                    before.substring(stringStart + 1));
        }
        int start = before.length();
        while (start > 0 && (Character.isJavaIdentifierPart(before.charAt(start - 1)) || before.charAt(start - 1) == '.')) {
            start--;
        }
        String word = before.substring(start);
        boolean chain = word.isEmpty() || Character.isJavaIdentifierStart(word.charAt(0));
        return new CompletionTarget(chain ? Kind.CHAIN : Kind.NONE, start, word);
    }

    /** The parts of a chain: {@code w.java.u} gives [w, java, u]; the last is the part being typed. */
    List<String> parts() {
        return List.of(word.split("\\.", -1));
    }

    /** The chain up to and including its last dot ({@code w.java.}), or {@code ""}. */
    String head() {
        int dot = word.lastIndexOf('.');
        return dot < 0 ? "" : word.substring(0, dot + 1);
    }

    /** The part being typed ({@code u} in {@code w.java.u}). */
    String partial() {
        return word.substring(word.lastIndexOf('.') + 1);
    }

    /** Offset of the opening quote of a string not closed before the end of {@code text}, or -1. */
    private static int openStringStart(String text) {
        int open = -1;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    open = -1;
                }
            } else if (c == '#') {
                int nl = text.indexOf('\n', i);
                if (nl < 0) {
                    return -1;
                }
                i = nl;
            } else if (c == '"' || c == '\'') {
                quote = c;
                open = i;
            }
        }
        return open;
    }
}

package org.pyacq.cli.repl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code :command} line into words like a shell does: blanks separate words, single or
 * double quotes group them, a backslash escapes the next character (outside single quotes).
 */
final class CommandWords {
    private CommandWords() {
    }

    /** The words of {@code line}; an unclosed quote runs to the end of the line. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The command name: the first word, e.g. {@code :spawn}. */
    static String commandName(String line) {
        String t = line.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end);
    }

    /** Offset in {@code line} of the text after the command name and its following blanks. */
    static int restOffset(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}

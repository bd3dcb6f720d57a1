package org.pyacq.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pyacq.testing.Checkout;

/**
 * The fenced blocks of README.md. A block's info string is a language and a tag saying what the
 * tests do with it: {@code sh run} (run in order by ReadmeIT), {@code sh daemon} (started and
 * stopped by ReadmeIT), {@code sh tests} (the CI command), {@code java sample=NAME} (the code
 * between README markers in ReadmeSamples), {@code text output} (the output of the {@code sh run}
 * block before it) and so on; ReadmeTest fails on a block no test knows.
 */
record ReadmeBlocks(List<Block> blocks) {
    private static final Pattern FENCE = Pattern.compile("^```(\\S*)\\s*(.*)$");

    /** One fenced block: language, tag (the rest of the info string), text and first line number. */
    record Block(String language, String tag, String text, int line) {
        List<String> lines() {
            return text.lines().collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "```" + language + (tag.isEmpty() ? "" : " " + tag) + " block at README.md:" + line;
        }
    }

    static Path repoRoot() {
        return Checkout.root();
    }

    static ReadmeBlocks load() {
        try {
            return parse(Files.readString(repoRoot().resolve("README.md")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadmeBlocks parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int start = i + 1;
            StringBuilder text = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].equals("```")) {
                text.append(lines[i]).append('\n');
                i++;
            }
            if (i == lines.length) {
                throw new IllegalArgumentException("README.md:" + start + ": fenced block never closed");
            }
            blocks.add(new Block(open.group(1), open.group(2).trim(), text.toString(), start));
        }
        return new ReadmeBlocks(List.copyOf(blocks));
    }

    List<Block> withTag(String language, String tag) {
        return blocks.stream().filter(b -> b.language().equals(language) && b.tag().equals(tag)).toList();
    }

    Block only(String language, String tag) {
        List<Block> found = withTag(language, tag);
        if (found.size() != 1) {
            throw new AssertionError("README.md should have one ```" + language + " " + tag + " block, has " + found.size());
        }
        return found.get(0);
    }

    /** The block right after {@code block} if it is a {@code text output} block, else null. */
    Block outputOf(Block block) {
        int index = blocks.indexOf(block);
        if (index + 1 < blocks.size()) {
            Block next = blocks.get(index + 1);
            if (next.language().equals("text") && next.tag().equals("output")) {
                return next;
            }
        }
        return null;
    }

    /**
     * A regular expression for one line of sample output: runs of digits (and dots between them)
     * stand for any such run, runs of spaces for any spacing, and "..." for anything.
     */
    static Pattern linePattern(String sample) {
        StringBuilder regex = new StringBuilder();
        String line = sample.strip();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (line.startsWith("...", i)) {
                regex.append(".*");
                i += 3;
            } else if (Character.isDigit(c)) {
                while (i < line.length() && (Character.isDigit(line.charAt(i))
                        || line.charAt(i) == '.' && i + 1 < line.length() && Character.isDigit(line.charAt(i + 1)))) {
                    i++;
                }
                regex.append("[0-9][0-9.]*");
            } else if (c == ' ') {
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                regex.append("\\s+");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return Pattern.compile("\\s*" + regex + "\\s*");
    }

    /** The lines of sample output that match no line of {@code actual}, in order. */
    static List<String> unmatchedLines(Block sample, String actual) {
        List<String> out = actual.lines().toList();
        List<String> missing = new ArrayList<>();
        int from = 0;
        for (String expected : sample.lines()) {
            if (expected.strip().equals("...")) {
                continue;
            }
            Pattern pattern = linePattern(expected);
            int found = -1;
            for (int k = from; k < out.size(); k++) {
                if (pattern.matcher(out.get(k)).matches()) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                missing.add(expected);
            } else {
                from = found + 1;
            }
        }
        return missing;
    }
}

package org.pyacq.cli.repl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.completer.SystemCompleter;
import org.pyacq.rpc.ObjectProxy;
import picocli.shell.jline3.PicocliCommands;

/**
 * Tab completion. Commands and their options come from picocli ({@link PicocliCommands});
 * process names from {@code ps} after {@code :stop}, {@code :kill}, {@code :logs} and inside
 * {@code process("}; variables, builtins and keywords for a bare name; dotted packages and
 * classes of a process after {@code w.}; members of a remote object after {@code x.}. Remote
 * lookups are bounded by the completion timeout ({@link CompletionSource}); any failure gives no
 * candidates, never an error.
 */
final class ReplCompleter implements Completer {
    private static final List<String> KEYWORDS = List.of("true", "false", "null", "async", "await");
    private static final Set<String> TAKES_PROCESS = Set.of(":stop", ":kill", ":logs");

    /** Options of the process commands that take a value (all in {@code :logs}). */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-n", "--lines", "--level");

    private final ReplSession session;
    private final SystemCompleter commands;

    ReplCompleter(ReplSession session) {
        this.session = session;
        // a command line used only for its description: it is never executed
        SystemCompleter c = new PicocliCommands(ReplCommands.commandLine(null)).compileCompleters();
        c.compile();
        this.commands = c;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
            if (before.stripLeading().startsWith(":")) {
                completeCommand(reader, line, candidates);
            } else {
                completeExpression(CompletionTarget.of(before), "", candidates);
            }
        } catch (RuntimeException noCandidates) {
            // completion must never get in the way of typing
        }
    }

    private void completeCommand(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        String command = words.isEmpty() ? "" : words.get(0);
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (line.wordIndex() == 0) {
            offerWords(candidates, word, ReplCommands.names());
            return;
        }
        if (command.equals(":inspect")) {
            CompletionTarget target = CompletionTarget.of(word);
            completeExpression(target, word.substring(0, target.wordStart()), candidates);
            return;
        }
        if (command.equals(":help") && line.wordIndex() == 1) {
            List<String> topics = new ArrayList<>(List.of("language", "keys"));
            ReplCommands.names().forEach(name -> topics.add(name.substring(1)));
            offerWords(candidates, word, topics);
            return;
        }
        if (!word.startsWith("-") && TAKES_PROCESS.contains(command) && positionalIndex(words, line.wordIndex()) == 0) {
            offerWords(candidates, word, session.completion().processNames());
            return;
        }
        if (reader != null && word.startsWith("-")) {
            // picocli's completer stops at a positional word (":spawn w1 --j" finds no command), so
            // it is shown only the command and the option being typed
            commands.complete(reader, new OptionWord(command, line.word(), line.wordCursor(), line.line(), line.cursor()),
                    candidates);
        }
    }

    /** A command line reduced to its command and the word being completed. */
    private record OptionWord(String command, String word, int wordCursor, String line, int cursor)
            implements ParsedLine {
        @Override
        public int wordIndex() {
            return 1;
        }

        @Override
        public List<String> words() {
            return List.of(command, word);
        }
    }

    /** How many positional words come before word {@code index}; options and their values are skipped. */
    private static int positionalIndex(List<String> words, int index) {
        int n = 0;
        for (int i = 1; i < index && i < words.size(); i++) {
            boolean optionValue = OPTIONS_WITH_VALUE.contains(words.get(i - 1));
            if (!words.get(i).startsWith("-") && !optionValue) {
                n++;
            }
        }
        return n;
    }

    /**
     * Candidates for an expression target; {@code prefix} is text of the word before the target
     * (for {@code :inspect} words that hold more than the chain).
     */
    private void completeExpression(CompletionTarget target, String prefix, List<Candidate> candidates) {
        if (target.kind() == CompletionTarget.Kind.PROCESS_NAME) {
            for (String name : session.completion().processNames()) {
                if (name.startsWith(target.word())) {
                    add(candidates, prefix + name, name, false);
                }
            }
            return;
        }
        if (target.kind() != CompletionTarget.Kind.CHAIN) {
            return;
        }
        List<String> parts = target.parts();
        String partial = target.partial();
        String head = prefix + target.head();
        if (parts.size() == 1) {
            Set<String> names = new LinkedHashSet<>(session.variableNames());
            names.addAll(Builtins.names());
            names.addAll(KEYWORDS);
            offer(candidates, head, partial, names);
            return;
        }
        Object root = session.variable(parts.get(0));
        List<String> path = parts.subList(1, parts.size() - 1);
        if (root instanceof ProcessValue p) {
            offer(candidates, head, partial, session.completion().importNames(p, String.join(".", path)));
        } else if (root instanceof ObjectProxy p) {
            offer(candidates, head, partial, session.completion().membersOf(p, path));
        }
    }

    private static void offer(List<Candidate> candidates, String head, String partial, Iterable<String> names) {
        boolean specials = partial.startsWith("_");
        for (String name : names) {
            if (name.startsWith(partial) && (specials || !name.startsWith("__"))) {
                add(candidates, head + name, name, false);
            }
        }
    }

    /** Whole words (a space follows when accepted) that start with what was typed. */
    private static void offerWords(List<Candidate> candidates, String typed, Iterable<String> words) {
        for (String w : words) {
            if (w.startsWith(typed)) {
                add(candidates, w, w, true);
            }
        }
    }

    private static void add(List<Candidate> candidates, String value, String display, boolean complete) {
        candidates.add(new Candidate(value, display, null, null, null, null, complete));
    }

    /** The candidate values for {@code line}, in order (for tests and scripted use). */
    List<String> candidates(LineReader reader, ParsedLine line) {
        List<Candidate> out = new ArrayList<>();
        complete(reader, line, out);
        List<String> values = new ArrayList<>();
        for (Candidate c : out) {
            values.add(c.value());
        }
        return values;
    }
}

package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The completer called directly with parsed lines, against a real process. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CompletionTest {
    @TempDir
    static Path runtimeDir;
    private static DaemonFixture fixture;
    private static ReplSession repl;
    private static Terminal terminal;
    private static LineReader reader;
    private static ReplCompleter completer;
    private static final ReplLineParser PARSER = new ReplLineParser();

    @BeforeAll
    static void start() throws Exception {
        fixture = new DaemonFixture(runtimeDir);
        // generous: the first package listing of a process scans its class path
        repl = new ReplSession(fixture.session, ReplOptions.builder().completionTimeout(Duration.ofSeconds(60)).build());
        run("w = spawn(\"c1\")");
        run("l = w.java.util.ArrayList()");
        terminal = TerminalBuilder.builder().system(false).streams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream()).type("dumb").build();
        reader = LineReaderBuilder.builder().terminal(terminal).parser(PARSER).build();
        completer = new ReplCompleter(repl);
    }

    @AfterAll
    static void stop() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
        if (repl != null) {
            repl.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void run(String input) {
        Outcome o = repl.run(input);
        assertEquals(Outcome.Status.OK, o.status(), () -> input + ": " + o.error());
    }

    private static List<String> complete(ReplCompleter c, String line) {
        return c.candidates(reader, PARSER.parse(line, line.length(), ParseContext.COMPLETE));
    }

    private static List<String> complete(String line) {
        return complete(completer, line);
    }

    @Test
    void membersOfARemoteObject() {
        List<String> members = complete("n = l.");
        assertTrue(members.contains("l.add"), members.toString());
        assertTrue(members.contains("l.size"), members.toString());
        assertFalse(members.contains("l.__len__"), "special names only after an underscore");
        assertEquals(List.of("l.size"), complete("l.si"));
        assertTrue(complete("l.__l").contains("l.__len__"));
    }

    @Test
    void packagesAndClassesOfAProcess() {
        List<String> classes = complete("AL = w.java.util.Arr");
        assertTrue(classes.containsAll(List.of("w.java.util.ArrayList", "w.java.util.ArrayDeque", "w.java.util.Arrays")),
                classes.toString());
        assertTrue(complete("w.java.u").contains("w.java.util"), complete("w.java.u").toString());
        List<String> top = complete("w.");
        assertTrue(top.containsAll(List.of("w.self", "w.published", "w.java")), top.toString());
    }

    @Test
    void variablesBuiltinsAndKeywords() {
        assertTrue(complete("").containsAll(List.of("l", "w", "spawn", "await")));
        assertEquals(List.of("len"), complete("le"));
    }

    @Test
    void commandsOptionsAndProcessNames() {
        assertEquals(List.of(":spawn"), complete(":sp"));
        List<String> options = complete(":spawn w9 --jv");
        assertTrue(options.contains("--jvm-option="), options.toString());
        assertTrue(complete(":stop ").contains("c1"), complete(":stop ").toString());
        assertTrue(complete(":logs -n 5 c").contains("c1"));
        assertTrue(complete("p = process(\"c").contains("c1"));
        assertTrue(complete(":inspect l.s").contains("l.size"));
        assertTrue(complete(":help sp").contains("spawn"));
    }

    @Test
    void completionOfABusyProcessGivesUpQuietly() throws Exception {
        try (ReplSession quick = new ReplSession(fixture.session,
                ReplOptions.builder().completionTimeout(Duration.ofMillis(300)).build())) {
            assertEquals(Outcome.Status.OK, quick.run("s = spawn(\"stuck\")").status());
            assertEquals(Outcome.Status.OK, quick.run("latch = s.java.util.concurrent.CountDownLatch(1)").status());
            assertEquals(Outcome.Status.OK, quick.run("obj = s.java.util.LinkedList()").status());
            // the server thread of "stuck" now waits on the latch and answers nothing else
            assertEquals(Outcome.Status.OK, quick.run("f = async latch.await()").status());
            assertEquals(List.of(), complete(new ReplCompleter(quick), "obj."));
            assertEquals(Outcome.Status.OK, quick.run(":kill stuck").status());
        }
    }
}

package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Repl#script} and {@link Repl#evaluate} against a real daemon. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScriptTest {
    @TempDir
    static Path runtimeDir;
    private static DaemonFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DaemonFixture(runtimeDir);
        Run r = run("w = spawn(\"s1\")\n");
        assertEquals(0, r.code, r.err);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Reader in) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Repl.script(fixture.session, in, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String text) {
        return run(new StringReader(text));
    }

    @Test
    void aScriptFilePrintsOneResultPerExpression() throws Exception {
        Path file = runtimeDir.resolve("session.pyacq");
        Files.writeString(file, """
                # build a list in process s1
                w = process("s1")
                l = w.java.util.ArrayList()
                l.add(5)
                l.addAll([
                    6,
                    7])
                l.size()

                f = async l.get(0)
                await f
                "done"
                """);
        Run r;
        try (Reader in = Files.newBufferedReader(file)) {
            r = run(in);
        }
        assertEquals(0, r.code, r.err);
        assertEquals("true\ntrue\n3\n5\n\"done\"\n", r.out);
        assertEquals("", r.err);
    }

    @Test
    void theFirstErrorStopsTheScript() {
        Run r = run("x = 1\nx\ny\nx\n");
        assertEquals(1, r.code);
        assertEquals("1\n", r.out);
        assertEquals("line 3: error: unknown variable 'y' (did you mean 'x'?)\n", r.err);
    }

    @Test
    void aRemoteErrorStopsTheScript() {
        Run r = run("w = process(\"s1\")\nw.java.util.Objects.requireNonNull(null, \"boom\")\n\"not reached\"\n");
        assertEquals(1, r.code);
        assertEquals("", r.out);
        assertEquals("line 2: NullPointerException: boom  (:trace for the remote trace)\n", r.err);
    }

    @Test
    void syntaxErrorsShowTheirLineAndCaret() {
        Run r = run("a = [1,\n  2 3]\n");
        assertEquals(1, r.code);
        assertEquals("line 1: syntax error: expected ',' or ']' after list item, found number 3\n    2 3]\n      ^\n",
                r.err);
        Run open = run("a = [1,\n2\n");
        assertEquals(1, open.code);
        assertEquals("line 1: syntax error: '[' is not closed (expected ']')\n  a = [1,\n      ^\n", open.err);
    }

    @Test
    void commandsRunAndQuitEndsTheScript() {
        Run r = run("z = 42\n:vars\n:quit\nnot_reached\n");
        assertEquals(0, r.code, r.err);
        assertEquals("z = 42\n", r.out);
        Run bad = run(":nosuch\n");
        assertEquals(1, bad.code);
        assertEquals("line 1: error: unknown command :nosuch; :help lists the commands\n", bad.err);
    }

    @Test
    void evaluateResolvesBareNamesInTheProcess() {
        assertEquals("3", Repl.evaluate(fixture.session, "s1", "java.lang.Math.max(2, 3)"));
        assertEquals("a b", Repl.evaluate(fixture.session, "s1", "java.lang.String.valueOf(\"a b\")"));
        assertEquals("[1, \"x\"]", Repl.evaluate(fixture.session, "s1", "[1, \"x\"]"));
        String self = Repl.evaluate(fixture.session, "s1", "self");
        assertTrue(self.matches("<.*RpcServer #\\d+ at s1>"), self);
        assertEquals("", Repl.evaluate(fixture.session, "s1", "null"));
        ReplException e = assertThrows(ReplException.class,
                () -> Repl.evaluate(fixture.session, "s1", "java.util.Objects.requireNonNull(null, \"boom\")"));
        assertEquals("NullPointerException: boom", e.getMessage());
        assertTrue(e.getCause() != null);
        ReplException syntax = assertThrows(ReplException.class, () -> Repl.evaluate(fixture.session, "s1", "max(2"));
        assertTrue(syntax.getMessage().startsWith("syntax error: '(' is not closed"), syntax.getMessage());
    }
}

package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The language against a real daemon and a real child process. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReplSessionTest {
    @TempDir
    static Path runtimeDir;
    private static DaemonFixture fixture;
    private static ReplSession repl;

    @BeforeAll
    static void start() {
        fixture = new DaemonFixture(runtimeDir);
        repl = new ReplSession(fixture.session, ReplOptions.defaults());
        ok("w = spawn(\"w1\")");
    }

    @AfterAll
    static void stop() {
        if (repl != null) {
            repl.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String ok(String input) {
        Outcome o = repl.run(input);
        assertEquals(Outcome.Status.OK, o.status(), () -> input + " failed: " + o.error());
        assertEquals("", o.error());
        return o.output();
    }

    private static String error(String input) {
        Outcome o = repl.run(input);
        assertEquals(Outcome.Status.ERROR, o.status(), () -> input + " did not fail: " + o.output());
        return o.error();
    }

    @Test
    void theSessionOfTheIssueWorks() {
        assertEquals("", ok("AL = w.java.util.ArrayList"));
        assertEquals("", ok("l = AL()"));
        assertEquals("true\n", ok("l.add(5)"));
        assertEquals("1\n", ok("l.size()"));
        assertEquals("5\n", ok("l[0]"));
        assertEquals("", ok("f = async l.size()"));
        assertEquals("1\n", ok("await f"));
        assertEquals("<future done: 1>\n", ok("f"));
    }

    @Test
    void connectReachesAnyServerByAddress() {
        try (org.pyacq.rpc.RpcServer server = org.pyacq.rpc.RpcServer.builder().name("mine").build().start()) {
            server.publish("greeting", "hello");
            String a = server.address();
            assertEquals("", ok("s = connect(\"" + a + "\")"));
            assertEquals("7\n", ok("s.java.lang.Math.max(3, 7)"));
            assertEquals("\"hello\"\n", ok("s.published(\"greeting\")"));
            assertTrue(ok("s.java.util.ArrayList()").matches("<java\\.util\\.ArrayList #\\d+ at .*>\n"));
            assertTrue(error("connect(\"nowhere\")").contains("'nowhere' is not an address; write it like "
                    + "tcp://HOST:PORT"));
        }
    }

    @Test
    void literalsListsAndMapsEvaluateLocally() {
        assertEquals("[1, 2.5, \"x\", true, null]\n", ok("[1, 2.5, 'x', true, null]"));
        assertEquals("{\"k\": [1, -2], 3: {}}\n", ok("{\"k\": [1, -2], 3: {}}"));
        assertEquals("\"b\"\n", ok("\"abc\"[1]"));
        assertEquals("30\n", ok("[10, 20, 30][-1]"));
        assertEquals("1\n", ok("{\"a\": 1}[\"a\"]"));
        assertEquals("2\n", ok("len([1, 2])"));
        assertEquals("", ok("null"));
        assertEquals("", ok("# nothing but a comment"));
        assertEquals("[1, 2]\n", ok("[1,\n 2]"));
    }

    @Test
    void proxiesPrintTheirTypeIdentityAndProcess() {
        ok("p = w.java.util.ArrayList()");
        assertTrue(ok("p").matches("<java\\.util\\.ArrayList #\\d+ at w1>\n"), ok("p"));
        assertTrue(ok("w.java.util.ArrayList").matches("<class java\\.util\\.ArrayList #\\d+ at w1>\n"));
        assertTrue(ok("w.java.util").matches("<package java\\.util #\\d+ at w1>\n"));
        assertTrue(ok("w").startsWith("<process w1 at tcp://"));
    }

    @Test
    void attributesOfProxiesAreDeferredUntilUsed() {
        ok("d = w.java.util.ArrayDeque()");
        ok("push = d.push");
        assertEquals("", ok("push(\"x\")"));
        assertTrue(ok("d.push").matches("<method java\\.util\\.ArrayDeque\\.push #\\d+ at w1>\n"), ok("d.push"));
        assertEquals("2147483647\n", ok("w.java.lang.Integer.MAX_VALUE"));
        assertEquals("3\n", ok("w.java.lang.Math.max(2, 3)"));
        assertEquals("\"x\"\n", ok("d.peek()"));
    }

    @Test
    void processValuesGiveTheServerAndPublishedObjects() {
        assertTrue(ok("w.self").matches("<org\\.pyacq\\.rpc\\.RpcServer #\\d+ at w1>\n"), ok("w.self"));
        assertEquals(ok("w.self"), ok("w.published(\"self\")"));
        String missing = error("w.published(\"nothing-here\")");
        assertTrue(missing.startsWith("NoSuchElementException: nothing is published under 'nothing-here'"), missing);
        assertTrue(ok("help()").contains("Builtins: spawn(name[, settings])"));
    }

    @Test
    void valuesGoBothWays() {
        ok("v = w.java.util.ArrayList()");
        assertEquals("true\n", ok("v.addAll([6, 7, \"eight\"])"));
        assertEquals("3\n", ok("len(v)"));
        assertEquals("[6, 7, \"eight\"]\n", ok("value(v)"));
        assertEquals("", ok("v[0] = 60"));
        assertEquals("60\n", ok("v[0]"));
        ok("m = w.java.util.HashMap()");
        ok("m.put(\"k\", {\"nested\": [1]})");
        assertEquals("{\"nested\": [1]}\n", ok("m[\"k\"]"));
        assertEquals("\"text\"\n", ok("w.java.lang.String.valueOf(\"text\")"));
    }

    @Test
    void remoteErrorsAreOneLineAndTraceShowsTheRest() {
        assertEquals("NullPointerException: boom  (:trace for the remote trace)",
                error("w.java.util.Objects.requireNonNull(null, \"boom\")"));
        String trace = ok(":trace");
        assertTrue(trace.contains("java.lang.NullPointerException: boom"), trace);
        assertTrue(trace.contains("java.util.Objects.requireNonNull"), trace);
    }

    @Test
    void localErrorsAreOneLine() {
        ok("lst = [1]");
        assertEquals("error: unknown variable 'lsx' (did you mean 'lst'?)", error("lsx"));
        assertEquals("syntax error: expected ',' or ')' after argument, found number 6\n  lst.add(5 6\n            ^",
                error("lst.add(5 6"));
        assertEquals("error: lst is a local list, which cannot be called", error("lst()"));
        assertEquals("error: await needs a future (made by async), but lst is a local list", error("await lst"));
        assertEquals("error: index 3 is out of range for lst (size 1)", error("lst[3]"));
        assertEquals("error: len(x) takes 1 argument, got 2", error("len(1, 2)"));
        assertEquals("error: cannot read attribute 'x' of lst: it is a local list; attributes work on remote objects"
                + " and processes", error("lst.x"));
    }

    @Test
    void aMissingImportSaysWhatIsMissing() {
        String e = error("w.java.utill.ArrayList()");
        assertTrue(e.startsWith("AttributeNotFoundException: package java has no "), e);
        assertTrue(e.contains("'utill'"), e);
        assertTrue(error("w.nosuchroot.Foo").startsWith("ImportNotFoundException: no class or package named"));
    }

    @Test
    void inspectShowsTypeFieldsAndMethodSignatures() {
        ok("il = w.java.util.ArrayList()");
        String report = ok(":inspect il");
        assertTrue(report.startsWith("java.util.ArrayList (instance)\n"), report);
        assertTrue(report.contains("\nmethods:\n"), report);
        assertTrue(report.contains("\n  add(Object) -> boolean\n"), report);
        assertTrue(report.contains("\n  size() -> int\n"), report);
        String cls = ok(":inspect w.java.util.ArrayList");
        assertTrue(cls.startsWith("java.util.ArrayList (class)\nconstructors:\n"), cls);
        assertTrue(cls.contains("\n  ArrayList(int)\n") || cls.contains("(int)"), cls);
        assertEquals("syntax error: expected a name after '.', found end of input\n  :inspect il.\n              ^",
                error(":inspect il."));
    }

    @Test
    void commandsListVariablesAndHelp() {
        ok("answer = 42");
        assertTrue(ok(":vars").contains("\nanswer = 42\n") || ok(":vars").startsWith("answer = 42\n"));
        String help = ok(":help");
        assertTrue(help.contains(":spawn"), help);
        assertTrue(help.contains(":inspect"), help);
        assertTrue(ok(":help spawn").startsWith("Usage: :spawn"), ok(":help spawn"));
        assertEquals("error: unknown command :sapwn (did you mean ':spawn'?); :help lists the commands",
                error(":sapwn w3"));
        assertTrue(error(":stop").startsWith("error: Missing required parameter: 'NAME'"), error(":stop"));
        assertEquals(Outcome.Status.QUIT, repl.run(":quit").status());
    }

    @Test
    void optionsOfOneCommandLineDoNotLeakIntoTheNext() {
        ok(":logs w1 -n 1");
        // a fresh command object per line: the previous NAME and -n are gone
        String all = ok(":logs -n 50");
        assertTrue(!all.startsWith("no log records from"), all);
    }

    @Test
    void processesAreSpawnedListedAndStopped() {
        ok("w2 = spawn(\"w2\", {\"jvm_options\": [\"-Xmx256m\"]})");
        long max = Long.parseLong(ok("w2.java.lang.Runtime.getRuntime().maxMemory()").strip());
        assertTrue(max <= 256L << 20, "max memory " + max);
        String spawned = ok(":spawn w3 --as w3 -J -Xmx200m");
        assertTrue(spawned.matches("started w3: pid \\d+ at tcp://127\\.0\\.0\\.1:\\d+\n"), spawned);
        assertEquals("5\n", ok("w3.java.lang.Math.abs(-5)"));
        String table = ok(":ps");
        assertTrue(table.matches("NAME +STATUS +PID +ADDRESS +UPTIME +RESTARTS +EXIT +MEMORY +OBJECTS +REFS +CLIENTS\n(?s).*"),
                table);
        assertTrue(table.matches("(?s).*\nw3 +running +\\d+ +tcp://127\\.0\\.0\\.1:\\d+ +\\d+s +0 +- +\\S+ +\\S+ +\\S+ +\\S+\n.*"),
                table);
        ok("again = process(\"w3\")");
        assertEquals("2\n", ok("again.java.lang.Math.abs(-2)"));
        assertTrue(ok("ps()").contains("\"name\": \"w3\""));
        assertTrue(ok(":stop w3").matches("stopped w3 \\(exit code \\d+\\)\n"));
        assertTrue(ok(":kill w2").matches("killed w2 \\(exit code \\d+\\)\n"));
        assertEquals("no log records from nobody\n", ok(":logs nobody"));
    }

    @Test
    void ctrlCCancelsTheWaitAndTheSessionGoesOn() throws Exception {
        ok("b = spawn(\"blocker\")");
        ok("latch = b.java.util.concurrent.CountDownLatch(1)");
        Evaluation running = repl.submit("latch.await()");
        running.waitingForReply().get(60, TimeUnit.SECONDS);
        assertTrue(repl.cancelRunning(), "an input was running");
        Outcome o = running.await();
        assertEquals(Outcome.Status.CANCELLED, o.status());
        assertEquals("cancelled", o.error());

        // a future the user holds survives a cancelled await
        ok("g = async latch.await()");
        Evaluation awaiting = repl.submit("await g");
        awaiting.waitingForReply().get(60, TimeUnit.SECONDS);
        assertTrue(repl.cancelRunning());
        assertEquals(Outcome.Status.CANCELLED, awaiting.await().status());
        assertEquals("<future pending>\n", ok("g"));

        assertEquals("7\n", ok("w.java.lang.Math.abs(-7)"));
        assertTrue(ok(":kill blocker").startsWith("killed blocker"));
        assertTrue(!repl.cancelRunning(), "nothing is running");
    }
}

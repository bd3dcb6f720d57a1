package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive loop on a dumb JLine terminal fed through a pipe. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InteractiveReplTest {
    @TempDir
    static Path runtimeDir;
    private static DaemonFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DaemonFixture(runtimeDir);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void linesAreReadEvaluatedAndKeptInHistory() throws Exception {
        Path history = HistoryFile.prepare(runtimeDir.resolve("state/pyacq/repl_history"));
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("dumb").build();
                ReplSession repl = new ReplSession(fixture.session, ReplOptions.defaults())) {
            CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(
                    () -> new InteractiveRepl(repl, terminal, history).run());
            keys.write("x = [1,\n 2]\nx\nlen(x)\n:quit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertEquals(0, loop.get(60, TimeUnit.SECONDS));
        }
        String shown = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(shown.contains("pyacq> "), shown);
        assertTrue(shown.contains("[1, 2]\n"), shown);
        assertTrue(shown.contains("2\n"), shown);
        String saved = Files.readString(history);
        assertTrue(saved.contains("len(x)"), saved);
    }

    @Test
    void ctrlCCancelsTheRunningCallAndTheLoopGoesOn() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("dumb").build();
                ReplSession repl = new ReplSession(fixture.session, ReplOptions.defaults())) {
            assertEquals(Outcome.Status.OK, repl.run("w = spawn(\"i1\")").status());
            assertEquals(Outcome.Status.OK, repl.run("latch = w.java.util.concurrent.CountDownLatch(1)").status());
            CompletableFuture<Evaluation> submitted = new CompletableFuture<>();
            repl.onSubmit(submitted::complete);
            CompletableFuture<Integer> loop = CompletableFuture.supplyAsync(
                    () -> new InteractiveRepl(repl, terminal, null).run());
            type(keys, "latch.await()\n");
            Evaluation blocked = submitted.get(60, TimeUnit.SECONDS);
            blocked.waitingForReply().get(60, TimeUnit.SECONDS);
            // what the terminal does on Ctrl-C: the loop's INT handler cancels the running input
            terminal.raise(Terminal.Signal.INT);
            assertEquals(Outcome.Status.CANCELLED, blocked.await().status());
            type(keys, ":kill i1\n\"still here\"\n:quit\n");
            assertEquals(0, loop.get(60, TimeUnit.SECONDS));
        }
        String shown = screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(shown.contains("cancelled\n"), shown);
        assertTrue(shown.contains("\"still here\"\n"), shown);
    }

    private static void type(PipedOutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }
}

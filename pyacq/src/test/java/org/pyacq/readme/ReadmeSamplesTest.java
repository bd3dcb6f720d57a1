package org.pyacq.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.Daemon;
import org.pyacq.daemon.DaemonConfig;
import org.pyacq.rpc.RpcServer;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnOptions;
import org.pyacq.spawn.SpawnedProcess;

/** Runs the Java samples of the README (ReadmeTest checks the README shows this code) and checks what they print. */
class ReadmeSamplesTest {
    @Test
    void spawnCallAsyncAndFireAndForget() {
        assertEquals(List.of("1 first"), printed(ReadmeSamples::spawn));
    }

    @Test
    void typedViewsCallbacksArraysAndRemoteErrors() {
        try (SpawnedProcess worker = ProcessSpawner.spawn(SpawnOptions.builder("views").build())) {
            assertEquals(List.of("2.5 1", "[42]",
                    "IndexOutOfBoundsException: Index 7 out of bounds for length 2"),
                    printed(() -> ReadmeSamples.views(worker)));
        }
    }

    @Test
    void serveObjectsOfThisJvm() {
        List<String> lines = printed(ReadmeSamples::serve);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("clients connect to tcp://127\\.0\\.0\\.1:\\d+"), lines::toString);
        assertEquals("[0.5]", lines.get(1));
    }

    @Test
    void driveTheDaemonFromJava(@TempDir Path runtimeDir) {
        try (Daemon daemon = Daemon.start(DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString(),
                "stop_grace", "30")))) {
            assertEquals(List.of(System.getProperty("java.version"), "running"),
                    printed(() -> ReadmeSamples.daemon(runtimeDir)));
            assertTrue(daemon.awaitShutdown(Duration.ZERO).isEmpty(), "the sample leaves the daemon running");
        }
    }

    @Test
    void clientWithOptionsOfItsOwn() {
        try (RpcServer server = RpcServer.builder().name("readme-client").build().start()) {
            assertEquals(List.of("7"), printed(() -> ReadmeSamples.client(server.address())));
        }
    }

    /** The lines {@code sample} prints on System.out (tests of this class run one at a time). */
    private static List<String> printed(Runnable sample) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            sample.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

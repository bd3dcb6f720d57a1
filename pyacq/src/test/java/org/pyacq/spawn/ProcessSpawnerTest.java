package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcFuture;
import org.pyacq.rpc.RpcServer;

/** Real child JVMs: start, call, stop, kill, crash, orphans and startup failures. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessSpawnerTest {

    private static SpawnOptions.Builder options(String name) {
        return SpawnOptions.builder(name).startupTimeout(Duration.ofSeconds(60));
    }

    private static long remotePid(SpawnedProcess p) {
        ObjectProxy current = (ObjectProxy) p.importModule("java.lang.ProcessHandle").invoke("current");
        return ((Number) current.invoke("pid")).longValue();
    }

    @Test
    void severalChildrenStartAtOnceAndEachAnswers() throws Exception {
        List<CompletableFuture<SpawnedProcess>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "multi-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> ProcessSpawner.spawn(options(name).build())));
        }
        List<SpawnedProcess> children = new ArrayList<>();
        try {
            for (CompletableFuture<SpawnedProcess> f : starting) {
                children.add(f.get(90, TimeUnit.SECONDS));
            }
            Set<Long> pids = new HashSet<>();
            for (SpawnedProcess child : children) {
                long pid = remotePid(child);
                assertEquals(child.pid(), pid);
                assertNotEquals(ProcessHandle.current().pid(), pid);
                pids.add(pid);
                ObjectProxy list = (ObjectProxy) child.importModule("java.util.ArrayList").call();
                list.invoke("add", child.name());
                assertEquals(List.of(child.name()), list.getValue());
                assertEquals(child.name(), child.client().self().invoke("name"));
            }
            assertEquals(3, pids.size());
        } finally {
            children.forEach(SpawnedProcess::kill);
        }
    }

    /**
     * A Java child reports its address over the parent's same-host socket, which is gone afterwards;
     * with {@code -Dpyacq.localBootstrap=off} it reports over the PAIR link of PROTOCOL.md section 7,
     * which also stays the path whenever the socket fails.
     */
    @Test
    void aChildReportsOverTheLocalSocketOrThePairLinkWhenThatIsOff() throws Exception {
        ch.qos.logback.classic.Logger spawnLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(ProcessSpawner.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events
                = new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        ch.qos.logback.classic.Level level = spawnLog.getLevel();
        spawnLog.setLevel(ch.qos.logback.classic.Level.DEBUG);
        spawnLog.addAppender(events);
        java.nio.file.Path dir = org.pyacq.transport.LocalDirectory.defaultLocation().path();
        try {
            try (SpawnedProcess child = ProcessSpawner.spawn(options("local-report").build())) {
                assertEquals(child.pid(), remotePid(child));
            }
            try (var files = java.nio.file.Files.list(dir)) {
                assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("b-"))
                        .toList(), "bootstrap sockets left in " + dir);
            }
            System.setProperty(ProcessSpawner.LOCAL_BOOTSTRAP_PROPERTY, "off");
            try (SpawnedProcess child = ProcessSpawner.spawn(options("pair-report").build())) {
                assertEquals(child.pid(), remotePid(child));
            }
        } finally {
            System.clearProperty(ProcessSpawner.LOCAL_BOOTSTRAP_PROPERTY);
            spawnLog.detachAppender(events);
            spawnLog.setLevel(level);
        }
        List<String> spawned = events.list.stream().map(e -> e.getFormattedMessage())
                .filter(m -> m.startsWith("spawned ")).toList();
        assertEquals(2, spawned.size(), spawned.toString());
        assertTrue(spawned.get(0).startsWith("spawned local-report ") && spawned.get(0).endsWith("(status over the local socket)"),
                spawned.get(0));
        assertTrue(spawned.get(1).startsWith("spawned pair-report ") && spawned.get(1).endsWith("(status over the PAIR link)"),
                spawned.get(1));
    }

    @Test
    void stopClosesTheServerAndTheProcessExitsCleanly() {
        SpawnedProcess child = ProcessSpawner.spawn(options("stopper").startupClass(PublishingStartup.class.getName()).build());
        assertEquals("hello from stopper", child.client().get("greeting"));
        assertEquals(0, child.stop());
        assertFalse(child.isAlive());
        assertEquals(0, child.poll().getAsInt());
        assertEquals(0, child.onExit().join());
    }

    @Test
    void killEndsTheProcessAtOnce() {
        SpawnedProcess child = ProcessSpawner.spawn(options("killed").build());
        assertEquals(137, child.kill());
        assertFalse(child.isAlive());
    }

    @Test
    void aChildKilledFromOutsideFailsPendingCallsAtOnce() throws Exception {
        SpawnedProcess child = ProcessSpawner.spawn(options("victim").build());
        ObjectProxy latch = (ObjectProxy) child.importModule("java.util.concurrent.CountDownLatch").call(1);
        RpcFuture<Object> pending = latch.withTimeout(Duration.ofSeconds(100)).invokeAsync("await");
        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(30, TimeUnit.SECONDS));
        ProcessDiedException died = assertInstanceOf(ProcessDiedException.class, e.getCause());
        assertEquals("victim", died.processName());
        assertEquals(137, died.exitCode());
        assertTrue(died.getMessage().startsWith("process 'victim' (pid " + child.pid()
                + ") died with exit code 137 (killed by SIGKILL)"), died.getMessage());
        assertEquals(137, child.onExit().get(10, TimeUnit.SECONDS));
        ProcessDiedException later = assertThrows(ProcessDiedException.class, () -> child.client().ping());
        assertEquals(137, later.exitCode());
        assertEquals(137, child.onExit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aChildExitsSoonAfterItsParentIsKilled() throws Exception {
        ParentDeath.assertOrphanExits(OrphanParent.class, "CHILD");
    }

    @Test
    void aBadJvmOptionFailsWithTheJvmsOwnMessage() {
        SpawnException e = assertThrows(SpawnException.class,
                () -> ProcessSpawner.spawn(options("badopt").jvmOptions("-XX:+NoSuchOptionAtAll").build()));
        assertTrue(e.getMessage().startsWith("process 'badopt' exited with code 1 before it started serving; its stderr:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchOptionAtAll"), e.getMessage());
    }

    @Test
    void aMissingClassFailsWithTheJvmsOwnMessage() {
        SpawnException e = assertThrows(SpawnException.class,
                () -> ProcessSpawner.spawn(options("nocp").classPath(List.of("/nonexistent.jar")).build()));
        assertTrue(e.getMessage().contains("org.pyacq.spawn.Bootstrap"), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code 1 before it started serving"), e.getMessage());
    }

    @Test
    void aPortInUseFailsWithTheChildsError() {
        try (RpcServer taken = RpcServer.builder().build().start()) {
            SpawnException e = assertThrows(SpawnException.class,
                    () -> ProcessSpawner.spawn(options("porty").bindAddress(taken.address()).build()));
            assertTrue(e.getMessage().startsWith("process 'porty' failed to start:"), e.getMessage());
            assertTrue(e.getMessage().contains("the address is already in use"), e.getMessage());
        }
    }

    @Test
    void aCrashInStaticInitFailsWithTheChildsError() {
        SpawnException e = assertThrows(SpawnException.class,
                () -> ProcessSpawner.spawn(options("static").startupClass(FailingStartup.class.getName()).build()));
        assertTrue(e.getMessage().contains("ExceptionInInitializerError"), e.getMessage());
        assertTrue(e.getMessage().contains("static init failed on purpose"), e.getMessage());
    }

    @Test
    void aChildThatNeverReportsIsKilledAfterTheStartupTimeout() {
        // the limit leaves a loaded machine time to reach the start-up class (which the frames below show):
        // with 3 s, a child once was still reading its logging configuration when it was killed
        SpawnException e = assertThrows(SpawnException.class, () -> ProcessSpawner.spawn(SpawnOptions.builder("hang")
                .startupClass(HangingStartup.class.getName()).startupTimeout(Duration.ofSeconds(10)).build()));
        String m = e.getMessage();
        assertTrue(m.startsWith("process 'hang' did not report its address within 10000 ms; it was "), m);
        assertTrue(m.contains("; it was killed"), m);
        // what it was doing, to tell a starved or blocked JVM from a slow start-up class
        assertTrue(m.matches("(?s).*; it was sleeping \\(S\\) with \\d+\\.\\d\\d s of CPU time, \\d+ threads.*"), m);
        assertTrue(m.contains("; its main thread:\n      java.lang.Thread.State: TIMED_WAITING"), m);
        assertTrue(m.contains("at org.pyacq.spawn.HangingStartup.onStart("), m);
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> SpawnOptions.builder("bad name!").build());
        assertEquals("process name 'bad name!' is not allowed: use 1 to 64 letters, digits and _ . @ + - (starting"
                + " with a letter or digit)", name.getMessage());
        IllegalArgumentException opt = assertThrows(IllegalArgumentException.class,
                () -> SpawnOptions.builder("x").jvmOptions("Xmx1g").build());
        assertEquals("JVM option 'Xmx1g' does not start with '-'; pass options such as -Xmx512m or -Dkey=value",
                opt.getMessage());
    }
}

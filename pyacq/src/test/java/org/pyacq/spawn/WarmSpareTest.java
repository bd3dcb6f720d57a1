package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.log.LogServer;
import org.pyacq.log.PyacqMdc;
import org.slf4j.LoggerFactory;
import org.pyacq.testing.Await;

/** Warm spares: real spare JVMs taken by later spawns, bounded, discarded, and gone with their parent. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WarmSpareTest {

    private static SpawnOptions.Builder options(String name) {
        return SpawnOptions.builder(name).warmSpare(true).logLevel(30).startupTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void discard() {
        ProcessSpawner.discardSpares();
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    /** Waits until a spare for {@code options} is idle and returns its pid. */
    private static long awaitSpare(SpawnOptions options) {
        await("a spare is idle for " + options.name(), () -> ProcessSpawner.idleSparePid(options).isPresent());
        return ProcessSpawner.idleSparePid(options).getAsLong();
    }

    private static void awaitExit(long pid) throws Exception {
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h != null) {
            h.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "pid " + pid + " is still alive");
        }
    }

    @Test
    void theNextSpawnTakesTheSpareAndServesUnderItsOwnName() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ChildLoggingTest.Collector received = new ChildLoggingTest.Collector();
        received.setContext(ctx);
        received.start();
        ChildLoggingTest.Collector forwarded = new ChildLoggingTest.Collector();
        forwarded.setContext(ctx);
        forwarded.start();
        Logger childLines = ctx.getLogger("pyacq.child.second");
        childLines.setLevel(Level.ALL);
        childLines.addAppender(forwarded);
        try (LogServer logs = LogServer.builder().target(received::doAppend).build().start();
             SpawnedProcess first = ProcessSpawner.spawn(options("first").logAddress(logs.address()).build())) {
            SpawnOptions second = options("second").logAddress(logs.address()).logLevel(20)
                    .startupClass(ThreadDeathStartup.class.getName()).build();
            long sparePid = awaitSpare(second);
            try (SpawnedProcess child = ProcessSpawner.spawn(second)) {
                assertEquals(sparePid, child.pid());
                assertEquals("second", child.client().self().invoke("name"));
                assertEquals("second", child.importModule("org.pyacq.transport.ProcessIdentity").invoke("processName"));
                ILoggingEvent serving = received.await("the child's start-up record",
                        e -> e.getFormattedMessage().startsWith("process second serving at"));
                assertEquals("second", serving.getMDCPropertyMap().get(PyacqMdc.PROCESS));
                forwarded.await("the child's stdout line under its name",
                        e -> e.getFormattedMessage().equals("[second.stdout] a line on stdout"));
                long next = awaitSpare(second);
                assertNotEquals(sparePid, next, "a new spare for next time");
            }
        } finally {
            childLines.detachAppender(forwarded);
        }
    }

    @Test
    void aSpawnWithOtherOptionsDoesNotTakeTheSpare() throws Exception {
        SpawnOptions a = options("opts-a").build();
        try (SpawnedProcess first = ProcessSpawner.spawn(a)) {
            long sparePid = awaitSpare(a);
            try (SpawnedProcess otherJvm = ProcessSpawner.spawn(options("opts-b").jvmOptions("-Dpyacq.test=1").build())) {
                assertNotEquals(sparePid, otherJvm.pid());
                assertEquals(OptionalLong.of(sparePid), ProcessSpawner.idleSparePid(a), "the spare waits for its own kind");
            }
            try (SpawnedProcess otherEnv = ProcessSpawner.spawn(options("opts-c").environment("PYACQ_TEST", "1").build());
                 SpawnedProcess notOptedIn = ProcessSpawner.spawn(options("opts-d").warmSpare(false).build())) {
                assertNotEquals(sparePid, otherEnv.pid());
                assertNotEquals(sparePid, notOptedIn.pid());
            }
        }
    }

    @Test
    void atMostTwoSparesStayIdleAndTheLeastRecentlyUsedGoes() throws Exception {
        List<SpawnOptions> kinds = List.of(options("kind-1").jvmOptions("-Dpyacq.kind=1").build(),
                options("kind-2").jvmOptions("-Dpyacq.kind=2").build(),
                options("kind-3").jvmOptions("-Dpyacq.kind=3").build());
        long firstSpare = -1;
        for (SpawnOptions kind : kinds) {
            ProcessSpawner.spawn(kind).kill();
            long pid = awaitSpare(kind);
            if (firstSpare < 0) {
                firstSpare = pid;
            }
        }
        assertEquals(2, ProcessSpawner.idleSparePids().size(), ProcessSpawner.idleSparePids().toString());
        assertTrue(ProcessSpawner.idleSparePid(kinds.get(0)).isEmpty());
        awaitExit(firstSpare);
    }

    @Test
    void aKilledSpareIsReplacedByAColdStart() throws Exception {
        SpawnOptions options = options("phoenix").build();
        ProcessSpawner.spawn(options).kill();
        long sparePid = awaitSpare(options);
        ProcessHandle.of(sparePid).orElseThrow().destroyForcibly();
        awaitExit(sparePid);
        try (SpawnedProcess child = ProcessSpawner.spawn(options)) {
            assertNotEquals(sparePid, child.pid());
            assertEquals("phoenix", child.client().self().invoke("name"));
        }
    }

    @Test
    void concurrentSpawnsNeverShareASpare() throws Exception {
        SpawnOptions options = options("twin").build();
        ProcessSpawner.spawn(options).kill();
        awaitSpare(options);
        List<CompletableFuture<SpawnedProcess>> starting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SpawnOptions o = options("twin-" + i).build();
            starting.add(CompletableFuture.supplyAsync(() -> ProcessSpawner.spawn(o)));
        }
        List<SpawnedProcess> children = new ArrayList<>();
        try {
            for (CompletableFuture<SpawnedProcess> f : starting) {
                children.add(f.get(90, TimeUnit.SECONDS));
            }
            assertNotEquals(children.get(0).pid(), children.get(1).pid());
            for (SpawnedProcess c : children) {
                assertEquals(c.name(), c.client().self().invoke("name"));
            }
        } finally {
            children.forEach(SpawnedProcess::kill);
        }
    }

    @Test
    void discardSparesLeavesNoSpareAlive() throws Exception {
        SpawnOptions options = options("discarder").build();
        ProcessSpawner.spawn(options).kill();
        long sparePid = awaitSpare(options);
        ProcessSpawner.discardSpares();
        assertTrue(ProcessSpawner.idleSparePids().isEmpty());
        assertFalse(ProcessHandle.of(sparePid).map(ProcessHandle::isAlive).orElse(false));
        try (SpawnedProcess child = ProcessSpawner.spawn(options)) {
            assertNotEquals(sparePid, child.pid());
        }
    }

    @Test
    void aSpareExitsSoonAfterItsParentIsKilled() throws Exception {
        ParentDeath.assertOrphanExits(SpareParent.class, "SPARE");
    }

    @Test
    void aSpareExitsWithCodeZeroAndPrintsNothingWhenItsInputEndsFirst() throws Exception {
        Process spare = bootstrap(Bootstrap.SPARE_ARGUMENT);
        spare.getOutputStream().close();
        assertTrue(spare.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, spare.exitValue());
        assertEquals("", new String(spare.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aChildWithoutConfigurationStillSaysSoAndExitsWithCode2() throws Exception {
        Process child = bootstrap("lonely");
        child.getOutputStream().close();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, child.exitValue());
        assertEquals("pyacq bootstrap: no bootstrap configuration on stdin: this program is started by a process "
                + "spawner, which writes its JSON configuration there\n",
                new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Process bootstrap(String nameArgument) throws Exception {
        return new ProcessBuilder(SpawnOptions.currentJava().toString(), "-cp", System.getProperty("java.class.path"),
                Bootstrap.class.getName(), nameArgument).redirectErrorStream(true).start();
    }
}

package org.pyacq.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.testing.Await;

/** The daemon in this JVM, driven through its published control object. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DaemonTest {
    @TempDir
    Path runtimeDir;
    private Daemon daemon;
    private RpcClient client;
    private ObjectProxy control;

    @BeforeEach
    void start() {
        DaemonConfig config = DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString(),
                "restart_backoff", "0.2", "restart_backoff_max", "1"));
        daemon = Daemon.start(config);
        client = RpcClient.open(daemon.address(), ClientOptions.builder().timeout(Duration.ofSeconds(90)).build());
        control = (ObjectProxy) client.get("daemon");
    }

    @AfterEach
    void stop() {
        client.close();
        daemon.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> info(String name) {
        return (Map<String, Object>) control.invoke("info", name);
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    private static boolean runningWithNewPid(Map<String, Object> snapshot, long oldPid) {
        return "running".equals(snapshot.get("status")) && snapshot.get("pid") instanceof Number pid
                && pid.longValue() != oldPid;
    }

    private static Map<String, Object> spec(String name, String restart) {
        return Map.of("name", name, "restart", restart, "startup_class", CrashingStartup.class.getName());
    }

    @Test
    void theRuntimeFileTellsClientsWhereTheDaemonIs() throws Exception {
        RuntimeFile file = RuntimeFile.read(runtimeDir).orElseThrow();
        assertEquals(ProcessHandle.current().pid(), file.pid());
        assertEquals(daemon.address(), file.address());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                RuntimeFile.pathIn(runtimeDir))));
        assertTrue(new DaemonLocator(runtimeDir, Duration.ofSeconds(5)).find().isPresent());
    }

    @Test
    void aSecondDaemonForTheSameDirectoryIsRefused() {
        DaemonException e = assertThrows(DaemonException.class, () -> Daemon.start(
                DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString()))));
        assertTrue(e.getMessage().startsWith("a daemon is already running for " + runtimeDir + " (pid "
                + ProcessHandle.current().pid()), e.getMessage());
    }

    @Test
    void childrenAreSpawnedListedStoppedAndTheirOutputIsKept() {
        @SuppressWarnings("unchecked")
        Map<String, Object> w1 = (Map<String, Object>) control.invoke("spawn", spec("w1", "no"));
        assertEquals("running", w1.get("status"));
        String address = (String) control.invoke("address", "w1");
        assertEquals(address, w1.get("address"));
        RpcClient child = RpcClient.connect(address);
        ObjectProxy crasher = (ObjectProxy) child.get("crasher");
        crasher.invoke("log", "hello from the child logger");
        List<?> ps = (List<?>) control.invoke("ps");
        assertEquals(1, ps.size());
        Map<?, ?> row = (Map<?, ?>) ps.get(0);
        assertEquals("w1", row.get("name"));
        assertTrue(((Number) row.get("memory")).longValue() > 0);
        await("the child's stdout line is in the history", () -> logsContain("w1", "[w1.stdout] child ready on stdout"));
        await("the child's log record is in the history", () -> logsContain("w1", "hello from the child logger"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stopped = (Map<String, Object>) control.invoke("stop", "w1");
        assertEquals("stopped", stopped.get("status"));
        assertEquals(0, stopped.get("exit_code"));
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> control.invoke("address", "w1"));
        assertTrue(e.summary().contains("process 'w1' is stopped; 'pyacq restart w1' starts it again"), e.summary());
    }

    private boolean logsContain(String process, String text) {
        List<?> records = (List<?>) control.invoke("logs", Map.of("process", process, "limit", 1000));
        return records.stream().anyMatch(r -> String.valueOf(((Map<?, ?>) r).get("msg")).contains(text));
    }

    @Test
    void onFailureRestartsACrashedChildButNotACleanExit() {
        control.invoke("spawn", spec("flaky", "on-failure"));
        long firstPid = ((Number) info("flaky").get("pid")).longValue();
        crash("flaky", 3);
        await("the child restarts", () -> runningWithNewPid(info("flaky"), firstPid));
        assertEquals(1, info("flaky").get("restarts"));
        assertEquals(3, info("flaky").get("exit_code"));
        crash("flaky", 0);
        await("the clean exit is recorded", () -> "exited".equals(info("flaky").get("status")));
        assertEquals(1, info("flaky").get("restarts"));
    }

    @Test
    void noPolicyLeavesACrashedChildDown() {
        control.invoke("spawn", spec("once", "no"));
        crash("once", 9);
        await("the crash is recorded", () -> "failed".equals(info("once").get("status")));
        assertEquals(0, info("once").get("restarts"));
        assertEquals(9, info("once").get("exit_code"));
    }

    @Test
    void alwaysRestartsEvenAfterACleanExitAndGivesUpAfterTheLimit() {
        control.invoke("spawn", Map.of("name", "eager", "restart", "always", "max_restarts", 1,
                "startup_class", CrashingStartup.class.getName()));
        long firstPid = ((Number) info("eager").get("pid")).longValue();
        crash("eager", 0);
        await("the child restarts after a clean exit", () -> runningWithNewPid(info("eager"), firstPid));
        crash("eager", 1);
        await("the daemon gives up", () -> "gave-up".equals(info("eager").get("status")));
    }

    @Test
    void restartAndKillWorkOnDemand() {
        control.invoke("spawn", spec("k", "always"));
        long pid = ((Number) info("k").get("pid")).longValue();
        control.invoke("restart", "k");
        long pid2 = ((Number) info("k").get("pid")).longValue();
        assertNotEquals(pid, pid2);
        @SuppressWarnings("unchecked")
        Map<String, Object> killed = (Map<String, Object>) control.invoke("kill", "k");
        assertEquals("stopped", killed.get("status"));
        assertEquals(137, killed.get("exit_code"));
        assertFalse(ProcessHandle.of(pid2).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void badSpawnRequestsGetClearErrors() {
        RemoteCallException unknown = assertThrows(RemoteCallException.class,
                () -> control.invoke("spawn", Map.of("name", "x", "colour", "red")));
        assertTrue(unknown.summary().contains("unknown child setting 'colour'; known settings are ["), unknown.summary());
        RemoteCallException policy = assertThrows(RemoteCallException.class,
                () -> control.invoke("spawn", Map.of("name", "x", "restart", "sometimes")));
        assertTrue(policy.summary().contains("unknown restart policy 'sometimes'; use no, on-failure or always"),
                policy.summary());
        control.invoke("spawn", Map.of("name", "dup"));
        RemoteCallException dup = assertThrows(RemoteCallException.class,
                () -> control.invoke("spawn", Map.of("name", "dup")));
        assertTrue(dup.summary().contains("a process named 'dup' is already running"), dup.summary());
        RemoteCallException missing = assertThrows(RemoteCallException.class, () -> control.invoke("stop", "ghost"));
        assertTrue(missing.summary().contains("no process named 'ghost'; known processes: [dup]"), missing.summary());
    }

    @Test
    void shutdownStopsEveryChild() {
        control.invoke("spawn", Map.of("name", "a"));
        control.invoke("spawn", Map.of("name", "b"));
        long a = ((Number) info("a").get("pid")).longValue();
        long b = ((Number) info("b").get("pid")).longValue();
        assertEquals("shutting down", control.invoke("shutdown"));
        assertTrue(daemon.awaitShutdown(Duration.ofSeconds(10)).isPresent());
        daemon.close();
        assertFalse(ProcessHandle.of(a).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(ProcessHandle.of(b).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(RuntimeFile.pathIn(runtimeDir)));
    }

    /**
     * Pids of this JVM's child processes started as warm spares, but for {@code taken} (a spare keeps
     * its command line once it is a child).
     */
    private static List<Long> spares(long... taken) {
        List<Long> children = java.util.Arrays.stream(taken).boxed().toList();
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains("pyacq:spare")).orElse(false))
                .map(ProcessHandle::pid).filter(pid -> !children.contains(pid)).toList();
    }

    @Test
    void childrenStartFromWarmSparesAndCloseLeavesNoSpareAlive() throws Exception {
        control.invoke("spawn", Map.of("name", "s1"));
        await("a warm spare is started", () -> spares().size() == 1);
        long spare = spares().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> s2 = (Map<String, Object>) control.invoke("spawn", Map.of("name", "s2"));
        assertEquals(spare, ((Number) s2.get("pid")).longValue(), "s2 runs in the spare");
        assertEquals("s2", RpcClient.connect((String) s2.get("address")).self().invoke("name"));
        await("a new spare is started", () -> spares(spare).size() == 1);
        long next = spares(spare).get(0);
        daemon.close();
        ProcessHandle.of(next).ifPresent(h -> h.onExit().join());
        ProcessHandle.of(spare).ifPresent(h -> h.onExit().join());
        assertEquals(List.of(), spares());
    }

    @Test
    void warmSparesAreOnByDefaultAndCanBeTurnedOff() {
        assertTrue(DaemonConfig.defaults().warmSpares());
        assertFalse(DaemonConfig.load(null, Map.of("warm_spares", "false")).warmSpares());
        assertFalse(DaemonConfig.load(null, DaemonConfig.fromEnvironment(Map.of("PYACQD_WARM_SPARES", "off")))
                .warmSpares());
    }

    private void crash(String name, int code) {
        String address = (String) control.invoke("address", name);
        RpcClient c = RpcClient.open(address, ClientOptions.defaults());
        try {
            ((ObjectProxy) c.get("crasher")).invokeOff("exit", code);
        } finally {
            c.close();
        }
    }
}

package org.pyacq.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RpcClient;
import org.pyacq.testing.Await;
import org.pyacq.testing.Checkout;

/**
 * One daemon, run from the product jar as it ships, supervising a hundred children on this machine:
 * they all start, {@code ps} lists them all, every one answers a call over the network path, and
 * stopping the daemon leaves none behind. Resident memory per idle child is measured and written
 * to {@code target/many-children.txt} (reported, not asserted; so are the times).
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class ManyChildrenIT {
    private static final int CHILDREN = 100;

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void oneDaemonSupervisesAHundredChildrenAndLeavesNoneBehind() throws Exception {
        Path runtime = dir.resolve("run");
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Checkout.productJar().toString(), "org.pyacq.cli.PyacqdCommand", "--runtime-dir", runtime.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        daemon.getOutputStream().close();
        List<Long> pids = new ArrayList<>();
        List<String> report = new ArrayList<>();
        try {
            Await.until("the daemon to start", () -> {
                assertTrue(daemon.isAlive(), () -> "the daemon exited: " + text(dir.resolve("daemon.log")));
                return Files.exists(RuntimeFile.pathIn(runtime));
            });
            try (DaemonSession session = DaemonSession.open(runtime, false, Duration.ofSeconds(120))) {
                long start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Map<String, Object>>> spawns = new ArrayList<>();
                    for (int i = 0; i < CHILDREN; i++) {
                        String name = String.format(Locale.ROOT, "m%03d", i);
                        spawns.add(pool.submit(() -> session.spawn(Map.of("name", name))));
                    }
                    for (Future<Map<String, Object>> f : spawns) {
                        assertEquals("running", f.get(300, TimeUnit.SECONDS).get("status"));
                    }
                } finally {
                    pool.shutdownNow();
                }
                double spawnSeconds = (System.nanoTime() - start) / 1e9;

                long psStart = System.nanoTime();
                List<Map<String, Object>> ps = session.ps();
                double psMillis = (System.nanoTime() - psStart) / 1e6;
                long againStart = System.nanoTime();
                assertEquals(CHILDREN, session.ps().size());
                double againMillis = (System.nanoTime() - againStart) / 1e6;
                assertEquals(CHILDREN, ps.size());
                List<Long> rss = new ArrayList<>();
                List<Long> pss = new ArrayList<>();
                for (Map<String, Object> child : ps) {
                    assertEquals("running", child.get("status"), child::toString);
                    long pid = ((Number) child.get("pid")).longValue();
                    pids.add(pid);
                    String address = (String) child.get("address");
                    try (RpcClient c = RpcClient.open(address, ClientOptions.builder().timeout(Duration.ofSeconds(60))
                            .path(org.pyacq.transport.PathChoice.ZEROMQ).build())) {
                        c.ping();
                    }
                    rss.add(kib(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:"));
                    pss.add(kib(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:"));
                }
                report.add(String.format(Locale.ROOT, "%d children started in %.1f s (4 spawns at a time); the first ps "
                        + "took %.1f ms, the next %.1f ms", CHILDREN, spawnSeconds, psMillis, againMillis));
                report.add("resident memory per idle child (RSS, MiB): " + summary(rss));
                report.add("proportional memory per idle child (PSS, shared pages divided, MiB): " + summary(pss));
                report.add("java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");

                Map<String, Object> status = (Map<String, Object>) session.control().invoke("status");
                assertEquals(CHILDREN, ((Number) status.get("children")).intValue());
                session.control().invoke("shutdown");
            }
            assertTrue(daemon.waitFor(300, TimeUnit.SECONDS), "the daemon did not stop");
            for (long pid : pids) {
                Await.until("child " + pid + " to be gone", Duration.ofSeconds(60),
                        () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
            }
        } finally {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
            Files.write(Path.of("target", "many-children.txt"), report, StandardCharsets.UTF_8);
            report.forEach(System.out::println);
        }
    }

    private static long kib(Path file, String field) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static String summary(List<Long> kib) {
        List<Long> sorted = new ArrayList<>(kib);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f, min %.1f, max %.1f", sorted.get(sorted.size() / 2) / 1024.0,
                sorted.get(0) / 1024.0, sorted.get(sorted.size() - 1) / 1024.0);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

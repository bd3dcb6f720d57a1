package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded soak (about a minute): many short-lived client JVMs create proxies in one server with
 * a 2 s lease; some exit without releasing anything, some are killed in the middle of a call, some
 * use their proxies first. Afterwards the server's reference table and live objects are back where
 * they started and its heap after GC is within a small bound of the start.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LeaseSoakTest {
    private static final long SOAK_SECONDS = Long.getLong("pyacq.soak.seconds", 45);

    @Test
    void manyShortLivedClientsLeaveNothingBehind() throws Exception {
        try (RpcServer server = RpcServer.builder().name("soak").leaseTime(Duration.ofSeconds(2)).build().start()) {
            server.publish("svc", new TestService("svc"));
            int objects = server.liveObjectCount();
            int refs = server.referenceCount();
            long heapBefore = heapAfterGc();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SOAK_SECONDS);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<String>> runs = new ArrayList<>();
            for (int lane = 0; lane < 3; lane++) {
                runs.add(pool.submit(() -> {
                    int normal = 0;
                    int killed = 0;
                    int used = 0;
                    while (System.nanoTime() < end) {
                        switch (runClient(server.address(), ThreadLocalRandom.current().nextInt(3))) {
                            case 0 -> normal++;
                            case 1 -> killed++;
                            default -> used++;
                        }
                    }
                    return normal + " exited, " + killed + " killed mid-call, " + used + " used then exited";
                }));
            }
            List<String> summary = new ArrayList<>();
            for (Future<String> f : runs) {
                summary.add(f.get(SOAK_SECONDS + 120, TimeUnit.SECONDS));
            }
            pool.shutdown();
            ServerStatistics during = server.statistics();
            RpcTestSupport.awaitCondition("the table is back where it started", Duration.ofSeconds(60),
                    () -> server.referenceCount() == refs && server.liveObjectCount() == objects);
            ServerStatistics after = server.statistics();
            assertEquals(0, after.leases(), after.toString());
            assertTrue(after.expiredReferences() > 0, after.toString());
            long heapAfter = heapAfterGc();
            System.out.printf(java.util.Locale.ROOT, "soak: %s; expired references %d; heap after GC %.1f MB -> %.1f MB%n",
                    summary, after.expiredReferences(), heapBefore / 1e6, heapAfter / 1e6);
            assertTrue(heapAfter - heapBefore < 32L << 20, "heap after GC grew from " + heapBefore + " to " + heapAfter
                    + " bytes (" + during + ")");
            assertEquals("svc", ((ObjectProxy) RpcClient.connect(server.address()).get("svc")).get("name"));
        }
    }

    /** One client JVM: 0 exits without releasing, 1 is killed during a call, 2 uses its proxies and exits. */
    private static int runClient(String address, int kind) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LeaseClientMain.class.getName(), "client", address, "10");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
            awaitLine(out, "READY");
            switch (kind) {
                case 0 -> in.println("exit");
                case 1 -> {
                    in.println("slow");
                    awaitLine(out, "CALLING");
                    p.destroyForcibly();
                }
                default -> {
                    in.println("use");
                    awaitLine(out, "OK");
                    in.println("exit");
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a client did not end");
            return kind;
        } finally {
            p.destroyForcibly();
        }
    }

    private static void awaitLine(BufferedReader out, String prefix) throws Exception {
        String l;
        while ((l = out.readLine()) != null) {
            if (l.startsWith(prefix)) {
                return;
            }
        }
        throw new AssertionError("a client ended before printing " + prefix);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

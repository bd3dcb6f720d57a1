package org.pyacq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnOptions;
import org.pyacq.spawn.SpawnedProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A long soak of remote object lifetime (docs/LIFETIME.md): one child JVM serves, and short-lived
 * client JVMs keep creating proxies in it and vanishing (exiting without releasing, or killed while
 * they hold them). Every interval it prints the child's live objects, references, leases, heap
 * after GC and resident memory, so one can see they stay flat.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        header = "Soak remote object lifetime: clients come and go, the server's tables and memory must stay flat.",
        description = {
            "Starts one child JVM with a short lease and, for the given time, keeps starting client JVMs that "
                    + "create proxies there and then exit without releasing them or are killed. Every interval "
                    + "prints the child's live objects, references, client leases, references dropped by expired "
                    + "leases, heap after GC and resident memory. Needs no daemon.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  pyacq bench soak --minutes 10", "  pyacq bench soak --minutes 60 --interval 60 --lease 30 --json"})
public final class SoakBench implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "5", paramLabel = "N", description = "How long (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--interval", defaultValue = "30", paramLabel = "SECONDS",
            description = "Seconds between samples (default ${DEFAULT-VALUE}).")
    double interval;

    @Option(names = "--lease", defaultValue = "10", paramLabel = "SECONDS",
            description = "The child's lease time (default ${DEFAULT-VALUE}).")
    double lease;

    @Option(names = "--clients", defaultValue = "2", paramLabel = "N",
            description = "Client JVMs running at once (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--json", description = "Print the samples as JSON at the end instead of a table as they come.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SpawnOptions options = SpawnOptions.builder("soak-child").logLevel(30)
                .jvmOptions(String.format(Locale.ROOT, "-Dpyacq.lease.seconds=%.3f", lease)).build();
        List<Map<String, Object>> samples = new ArrayList<>();
        try (SpawnedProcess child = ProcessSpawner.spawn(options)) {
            RpcClient c = child.client();
            ObjectProxy stats = ((ObjectProxy) c.get("self")).attr("statisticsMap");
            ObjectProxy gc = c.importModule("java.lang.System").attr("gc");
            ObjectProxy runtime = (ObjectProxy) c.importModule("java.lang.Runtime").attr("getRuntime").call();
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            AtomicInteger runs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, clients));
            for (int i = 0; i < Math.max(1, clients); i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            runClient(child.address());
                            runs.incrementAndGet();
                        } catch (InterruptedException e) {
                            return null;   // the soak is over
                        } catch (Exception e) {
                            System.err.println("soak: a client failed: " + e);
                        }
                    }
                    return null;
                });
            }
            if (!json) {
                System.out.println("   TIME  CLIENTS  OBJECTS  REFS  LEASES  EXPIRED  HEAP_AFTER_GC      RSS");
            }
            while (true) {
                gc.call();
                long used = ((Number) runtime.invoke("totalMemory")).longValue()
                        - ((Number) runtime.invoke("freeMemory")).longValue();
                Map<?, ?> s = (Map<?, ?>) stats.call();
                Map<String, Object> sample = new LinkedHashMap<>();
                sample.put("seconds", Math.round((System.nanoTime() - start) / 1e9));
                sample.put("clients", runs.get());
                sample.put("live_objects", s.get("live_objects"));
                sample.put("references", s.get("references"));
                sample.put("leases", s.get("leases"));
                sample.put("expired_references", s.get("expired_references"));
                sample.put("heap_after_gc", used);
                sample.put("rss", rss(child.pid()));
                samples.add(sample);
                if (!json) {
                    System.out.println(String.format(Locale.ROOT, "%6ds  %7d  %7s  %4s  %6s  %7s  %10.1f MB  %5.1f MB",
                            sample.get("seconds"), runs.get(), s.get("live_objects"), s.get("references"),
                            s.get("leases"), s.get("expired_references"), used / 1048576.0, rss(child.pid()) / 1048576.0));
                }
                if (System.nanoTime() >= end) {
                    break;
                }
                Thread.sleep((long) Math.min(interval * 1000, Math.max(1, (end - System.nanoTime()) / 1e6)));
            }
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (json) {
            StringBuilder sb = new StringBuilder("[");
            for (Map<String, Object> m : samples) {
                sb.append(sb.length() > 1 ? ",\n " : "").append('{');
                int i = 0;
                for (Map.Entry<String, Object> e : m.entrySet()) {
                    sb.append(i++ > 0 ? ", " : "").append('"').append(e.getKey()).append("\": ").append(e.getValue());
                }
                sb.append('}');
            }
            System.out.println(sb.append(']'));
        }
        return 0;
    }

    /** One client JVM: creates proxies, then exits without releasing them, or is killed holding them. */
    private static void runClient(String address) throws Exception {
        boolean kill = ThreadLocalRandom.current().nextBoolean();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Client.class.getName(), address,
                kill ? "hold" : "exit").redirectErrorStream(true).start();
        try {
            byte[] line = p.getInputStream().readNBytes(5);   // "READY" once it holds its proxies
            if (kill && line.length == 5) {
                p.destroyForcibly();
            }
            p.waitFor(60, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
    }

    private static long rss(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The client JVM of the soak: {@code ADDRESS exit|hold}. */
    public static final class Client {
        private Client() {
        }

        public static void main(String[] args) throws Exception {
            RpcClient client = RpcClient.connect(args[0]);
            List<ObjectProxy> held = new ArrayList<>();
            ObjectProxy listClass = client.importModule("java.util.ArrayList");
            for (int i = 0; i < 20; i++) {
                ObjectProxy list = (ObjectProxy) listClass.call();
                list.invoke("add", new double[64]);
                held.add(list);
            }
            System.out.print("READY");
            System.out.flush();
            if (args[1].equals("hold")) {
                Thread.sleep(Duration.ofMinutes(5).toMillis());
            }
            Runtime.getRuntime().halt(0);   // no release, no goodbye: the lease must clean up
        }
    }
}

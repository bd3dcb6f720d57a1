package org.pyacq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.daemon.ProcessCalls;
import org.pyacq.daemon.RuntimeFile;
import org.pyacq.rpc.RpcServer;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.TransportSecurity;

/**
 * The training of the launcher's class-data sharing archive (and, on Java 25 and newer, its AOT
 * cache): after the command that happened to run first on a machine, the same JVM runs the short
 * commands against a stand-in daemon in this process, so that the archive holds what {@code call},
 * {@code ps}, {@code ping} and the others load, whichever command came first. It uses plain sockets
 * on loopback and the same-host path, a runtime directory of its own that it removes, a key file of
 * its own in that directory (never the user's) and prints nothing. The launcher asks for it with
 * {@code -Dpyacq.cds.training=true}.
 */
final class CliWarmup {
    static final String PROPERTY = "pyacq.cds.training";

    private CliWarmup() {
    }

    /** Runs the commands; returns how many of them exited 0 (all of them, unless something broke). */
    static int run() {
        PyacqCommand.commandLine();   // every command's model, for help and completion
        HelpTexts.forArgs(new String[] {"--help"});   // the build's help texts, as main prints them
        Thread prefetch = StartupPrefetch.start(new String[] {"--insecure", "ping"});   // as main starts it (no key)
        if (prefetch != null) {
            try {
                prefetch.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TransportSecurity saved = DefaultSecurity.peek();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pyacq-warm-up");
        } catch (IOException e) {
            return 0;
        }
        try {
            // what a command loads to check the daemon's key (a key file of its own here, made then read)
            DefaultSecurity.useKeyDirectory(dir.resolve("keys"));
            DefaultSecurity.useKeyDirectory(dir.resolve("keys"));
        } catch (RuntimeException e) {
            // the archive just holds less
        }
        DefaultSecurity.set(TransportSecurity.plain(false));
        try (RpcServer server = RpcServer.builder().name("pyacq-warm-up").build().start()) {
            server.publish("daemon", new StandIn(server.address()));
            new RuntimeFile(ProcessHandle.current().pid(), server.address(), null, null, System.currentTimeMillis(),
                    org.pyacq.daemon.Daemon.version(), Map.of("security", "plain")).write(dir);
            int ok = 0;
            for (String[] command : commands(dir)) {
                PrintWriter sink = new PrintWriter(Writer.nullWriter());
                if (PyacqCommand.execute(command, sink, sink) == CliExitCodes.OK) {
                    ok++;
                }
            }
            return ok;
        } catch (IOException | RuntimeException e) {
            return 0;   // the archive just holds less
        } finally {
            DefaultSecurity.restore(saved);
            delete(dir);
        }
    }

    /** The command lines it runs. */
    static List<String[]> commands(Path dir) {
        String d = dir.toString();
        return List.of(
                new String[] {"call", "w1", "java.lang.Math.max", "3", "7", "--runtime-dir", d, "--no-autostart"},
                new String[] {"call", "w1", "java.util.List.of", "[1, 2.5]", "{\"k\": true}", "--json",
                    "--runtime-dir", d, "--no-autostart"},
                new String[] {"call", "w1", "java.util.ArrayList", "--runtime-dir", d, "--no-autostart"},
                new String[] {"ps", "--runtime-dir", d, "--no-autostart"},
                new String[] {"ps", "--json", "--runtime-dir", d, "--no-autostart"},
                new String[] {"ping", "--runtime-dir", d, "--no-autostart"},
                new String[] {"--help"},   // help's rendering: text tables, line breaking, locale data
                new String[] {"call", "--help"});
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a temporary directory: the system cleans it
        }
    }

    /** Answers as the daemon's control object does, for the commands above. */
    public static final class StandIn {
        private final String address;
        private int calls;

        StandIn(String address) {
            this.address = address;
        }

        public Map<String, Object> call(Map<String, Object> request) {
            calls++;
            if (calls % 3 == 0) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("type", "java.util.ArrayList");
                object.put("id", 7);
                object.put("address", address);
                object.put("process", "w1");
                return Map.of("object", object);
            }
            List<Object> value = new ArrayList<>(List.of(7, 2.5, "text", true, new double[] {1, 2}));
            value.add(Map.of(ProcessCalls.NESTED_OBJECT, Map.of("type", "java.lang.Object", "id", 8,
                    "address", address, "process", "w1")));
            return Map.of("value", calls % 3 == 1 ? 7 : value);
        }

        public List<Map<String, Object>> ps() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", "w1");
            row.put("status", "running");
            row.put("pid", 1);
            row.put("address", address);
            row.put("uptime", 12.5);
            row.put("restarts", 0);
            row.put("exit_code", null);
            row.put("signal", null);
            row.put("memory", 64L << 20);
            row.put("restart_policy", "no");
            row.put("next_restart_in", null);
            row.put("error", null);
            row.put("objects", 1);
            row.put("references", 1);
            row.put("leases", 1);
            return List.of(row);
        }
    }
}

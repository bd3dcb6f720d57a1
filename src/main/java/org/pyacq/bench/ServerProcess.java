package org.pyacq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The server JVM of a run: {@link BenchServer} started with this JVM's java executable and class
 * path, and with the same heap settings. Closing it closes the child's stdin (the child exits on
 * its own), then destroys it if it lingers.
 */
final class ServerProcess implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final List<String> command;
    private final OutputStream stdin;
    private final ServerAddresses addresses;

    private ServerProcess(Process process, List<String> command, ServerAddresses addresses) {
        this.process = process;
        this.command = command;
        this.stdin = process.getOutputStream();
        this.addresses = addresses;
    }

    /** Starts the server JVM and waits for its address line; its other output goes to {@code log}. */
    static ServerProcess start(BenchOptions options, PrintStream log) {
        List<String> command = command(options);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new BenchException("cannot start the server JVM (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
        try {
            pump(process.getErrorStream(), "bench-server-stderr", line -> log.println("[server] " + line));
            CompletableFuture<ServerAddresses> found = new CompletableFuture<>();
            pump(process.getInputStream(), "bench-server-stdout", line -> {
                Optional<ServerAddresses> a = found.isDone() ? Optional.empty() : ServerAddresses.parse(line);
                if (a.isPresent()) {
                    found.complete(a.get());
                } else {
                    log.println("[server] " + line);
                }
            }).thenRun(() -> found.completeExceptionally(new BenchException("the server JVM closed its stdout before"
                    + " reporting its addresses" + exitNote(process) + "; its stderr is shown above")));
            ServerAddresses addresses = await(found, process);
            return new ServerProcess(process, command, addresses);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static ServerAddresses await(CompletableFuture<ServerAddresses> found, Process process) {
        try {
            return found.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new BenchException("the server JVM (pid " + process.pid() + ") did not report its addresses within "
                    + START_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BenchException b ? b : new BenchException(e.getCause().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting the server JVM", e);
        }
    }

    private static String exitNote(Process p) {
        try {
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                return " (it exited with code " + p.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Copies lines from {@code in} to {@code sink} on a daemon thread; the future completes at end of stream. */
    private static CompletableFuture<Void> pump(InputStream in, String name, Consumer<String> sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                done.complete(null);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** {@code java [heap flags] [extra options] -cp <this class path> org.pyacq.bench.BenchServer}. */
    static List<String> command(BenchOptions options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(heapFlags(options));
        cmd.addAll(options.serverJvmArgs());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchServer.class.getName());
        return List.copyOf(cmd);
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new BenchException("cannot find the java executable of this JVM"));
    }

    /** {@code -Xmx<heap>} if given, else this JVM's own heap and GC flags, so both sides run alike. */
    static List<String> heapFlags(BenchOptions options) {
        if (options.heap().isPresent()) {
            return List.of("-Xmx" + options.heap().get());
        }
        List<String> flags = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx") || arg.startsWith("-Xms") || arg.startsWith("-XX:MaxHeapSize")
                    || arg.startsWith("-XX:InitialHeapSize") || arg.matches("-XX:(Max|Initial|Min)RAMPercentage=.*")
                    || arg.matches("-XX:[+-]Use\\w+GC")) {
                flags.add(arg);
            }
        }
        return flags;
    }

    ServerAddresses addresses() {
        return addresses;
    }

    /** The options the server JVM was started with (its class path left out). */
    List<String> jvmOptions() {
        int cp = command.indexOf("-cp");
        return command.subList(1, cp);
    }

    long pid() {
        return process.pid();
    }

    /** Ends the server JVM: closes its stdin and waits, then destroys it if it is still there. */
    @Override
    public void close() {
        stop();
    }

    /** Like {@link #close()}; true if the server JVM exited by itself once its stdin closed. */
    boolean stop() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return false;
    }
}

package org.pyacq.spawn;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.pyacq.log.LineForwarder;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running child JVM and the client connected to its RPC server. If the child dies without being
 * asked to, every pending and later call to it fails at once with a {@link ProcessDiedException}
 * naming the process, its exit code and the end of its stderr.
 */
public final class SpawnedProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpawnedProcess.class);

    private final String name;
    private final Process process;
    private final String address;
    private final RpcClient client;
    private final LineForwarder stdout;
    private final LineForwarder stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean stopping;

    SpawnedProcess(String name, Process process, String address, RpcClient client, LineForwarder stdout,
            LineForwarder stderr) {
        this.name = name;
        this.process = process;
        this.address = address;
        this.client = client;
        this.stdout = stdout;
        this.stderr = stderr;
        process.onExit().thenAccept(p -> exited(p.exitValue()));
        client.explainConnectionLoss(this::explainLoss);
    }

    /** A lost connection to a child usually means the child died: say so, with its exit code. */
    private RpcException explainLoss(RpcException loss) {
        if (stopping || !waitFor(Duration.ofSeconds(2))) {
            return loss;
        }
        Forwarding.awaitEnd(stderr);
        return new ProcessDiedException(address, name, process.pid(), process.exitValue(), stderr.tail());
    }

    private void exited(int code) {
        // a child killed before it could close leaves its same-host socket file: sweep it
        org.pyacq.transport.LocalDirectory.defaultLocation().removeIfStale(address);
        if (!stopping) {
            Forwarding.awaitEnd(stderr);
            ProcessDiedException died = new ProcessDiedException(address, name, process.pid(), code, stderr.tail());
            log.warn("{}", died.getMessage());
            client.disconnected(died);
            RpcClient.serverGone(address, died);
        }
        exit.complete(code);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The child's RPC server address. */
    public String address() {
        return address;
    }

    /** The client connected to the child (owned by this handle: do not close it yourself). */
    public RpcClient client() {
        return client;
    }

    /** Imports a class or package in the child: {@code importModule("java.util.ArrayList")}. */
    public ObjectProxy importModule(String name) {
        return client.importModule(name);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, if the process has ended. */
    public OptionalInt poll() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Completes with the exit code when the process ends. */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    /** Waits for the process to end; true if it did within {@code timeout}. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines the child wrote to stderr. */
    public List<String> stderrTail() {
        return stderr.tail();
    }

    /** The last lines the child wrote to stdout. */
    public List<String> stdoutTail() {
        return stdout.tail();
    }

    /** Stops the child gracefully, waiting up to 5 s before killing it; returns the exit code. */
    public int stop() {
        return stop(Duration.ofSeconds(5));
    }

    /**
     * Asks the child's server to close (so it exits by itself), waits up to {@code grace}, then
     * kills it. Returns the exit code.
     */
    public int stop(Duration grace) {
        stopping = true;
        if (process.isAlive()) {
            try {
                client.closeServer();
            } catch (RpcException e) {
                log.debug("{} did not accept close: {}", name, e.getMessage());
            }
            if (!waitFor(grace)) {
                log.warn("process {} (pid {}) did not exit within {} ms of close; killing it", name, pid(),
                        grace.toMillis());
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
        client.close();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Kills the child at once (SIGKILL) and waits for it to end; returns the exit code. */
    public int kill() {
        stopping = true;
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
        client.close();
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        } else {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "SpawnedProcess[" + name + ", pid " + pid() + ", " + address
                + (process.isAlive() ? "" : ", exited " + process.exitValue()) + "]";
    }
}

package org.pyacq.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RpcClient;
import org.pyacq.log.LineForwarder;
import org.pyacq.log.LogConfigSource;
import org.pyacq.rpc.RpcException;
import org.pyacq.transport.BootstrapLink;
import org.pyacq.transport.LocalBootstrap;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.TransportException;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts child JVMs that each run an RPC server, using pyacq's bootstrap handshake (PROTOCOL.md
 * section 7): the configuration goes to the child's stdin, the child reports its server's
 * address over a PAIR socket, the parent answers {@code OK}, connects and pings.
 *
 * <pre>{@code
 * try (SpawnedProcess worker = ProcessSpawner.spawn(SpawnOptions.builder("worker").build())) {
 *     ObjectProxy list = (ObjectProxy) worker.importModule("java.util.ArrayList").call();
 *     list.invoke("add", 1);
 * }   // stops the child
 * }</pre>
 *
 * <p>The child serves with the same socket security as the client that talks to it (by default
 * the process's {@code DefaultSecurity}: CURVE with this user's key pair, or plain mode). Its keys
 * travel in the JSON on its stdin, never on its command line or in its environment, which other
 * users can read.
 *
 * <p>The child's stdin stays open as a lifeline: the child exits by itself soon after this
 * process dies, however it died. The child's stdout and stderr lines are logged here (stdout at
 * info, stderr at warning) under the logger {@code pyacq.child.NAME}. The child applies the same
 * logback file on top of its logging setup as this process ({@code -Dpyacq.logConfig}, see
 * {@link LogConfigSource}), unless its own JVM options or environment choose one.
 *
 * <p>With {@link SpawnOptions.Builder#warmSpare} a spawn takes a warm spare JVM started after the
 * previous spawn with the same command line, environment and working directory (it has loaded and
 * run the child's start-up code already), writes it the configuration with the child's name, and
 * goes on with the same handshake, timeout and error reports as for a new JVM; then it starts a
 * spare for next time. Without a live matching spare it starts a new JVM, as without the option.
 */
public final class ProcessSpawner {
    private static final Logger log = LoggerFactory.getLogger(ProcessSpawner.class);
    /** This process's idle warm spares: a process has one pool, shared by all its spawns. */
    private static final WarmSpares SPARES = new WarmSpares();
    /** {@code -Dpyacq.localBootstrap=off}: children report over the PAIR link only (for diagnosis). */
    static final String LOCAL_BOOTSTRAP_PROPERTY = "pyacq.localBootstrap";

    private ProcessSpawner() {
    }

    /**
     * Starts a child and returns once it answers a ping.
     *
     * @throws SpawnException if the child cannot start or does not report within the startup
     *     timeout; the message carries the child's own error text
     */
    public static SpawnedProcess spawn(SpawnOptions options) {
        return spawn(options, ClientOptions.defaults());
    }

    /** Like {@link #spawn(SpawnOptions)}, with options for the client that talks to the child. */
    public static SpawnedProcess spawn(SpawnOptions options, ClientOptions clientOptions) {
        try {
            return spawn(options, clientOptions, options.warmSpare());
        } catch (SpareStalled e) {
            // a spare is only a head start: one that does not report in time is replaced by a new JVM
            log.warn("{}; starting a new JVM for it", e.getMessage());
            return spawn(options, clientOptions, false);
        }
    }

    /** How long a taken warm spare may take to report its address before a new JVM replaces it. */
    private static final Duration SPARE_REPORT_LIMIT = Duration.ofSeconds(10);

    /** A warm spare took too long to report; thrown only where a cold start can still follow. */
    private static final class SpareStalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpareStalled(String message) {
            super(message, null, false, false);
        }
    }

    private static SpawnedProcess spawn(SpawnOptions options, ClientOptions clientOptions, boolean allowSpare) {
        // the child serves with this process's keys (or plain mode), handed over on its stdin only
        TransportSecurity security = SecurityConfig.forChild(clientOptions.security());
        ClientOptions forChild = clientOptions.toBuilder().security(security).build();
        long started = System.nanoTime();
        BootstrapLink pair = BootstrapLink.bind(security);
        LocalBootstrap local = listenLocally(pair);
        Process process = null;
        LineForwarder out = null;
        LineForwarder err = null;
        try {
            String bootstrapAddress = pair.endpoint();
            List<String> command = command(options);
            byte[] config = new BootstrapConfig(options.name(), options.bindAddress(), bootstrapAddress,
                    options.logLevel(), options.logAddress(), true, options.startupClass(),
                    options.startupTimeout().toMillis(), security, options.accessPolicy(),
                    local == null ? null : local.file().toString()).toJsonLine();
            Process spare = allowSpare ? takeSpare(options, command, config) : null;
            process = spare != null ? spare : startChild(options, command, config);
            Logger childLog = LoggerFactory.getLogger("pyacq.child." + options.name());
            out = LineForwarder.start(options.name(), LineForwarder.Stream.STDOUT, process.getInputStream(), childLog, 40);
            err = LineForwarder.start(options.name(), LineForwarder.Stream.STDERR, process.getErrorStream(), childLog, 40);
            process.onExit().thenRun(pair::wakeup);
            String address;
            if (spare != null) {
                Duration limit = options.startupTimeout().compareTo(SPARE_REPORT_LIMIT) < 0 ? options.startupTimeout()
                        : SPARE_REPORT_LIMIT;
                address = awaitAddress(options, process, pair, local, err, limit, true);
            } else {
                address = awaitAddress(options, process, pair, local, err, options.startupTimeout(), false);
            }
            boolean reportedLocally = local != null && local.status() != null;
            if (reportedLocally) {
                local.answer("OK");
            } else {
                pair.send("OK");
            }
            RpcClient client = RpcClient.open(address, forChild);
            SpawnedProcess handle = new SpawnedProcess(options.name(), process, address, client, out, err);
            try {
                client.ping(options.startupTimeout());
            } catch (RpcException e) {
                handle.kill();
                throw new SpawnException(options.name(), "process '" + options.name() + "' reported " + address
                        + " but does not answer a ping: " + e.getMessage(), e);
            }
            log.debug("spawned {} (pid {}) at {} in {} ms (status over the {})", options.name(), process.pid(), address,
                    (System.nanoTime() - started) / 1_000_000, reportedLocally ? "local socket" : "PAIR link");
            if (options.warmSpare()) {
                SPARES.replenish(options);
            }
            return handle;
        } catch (RuntimeException e) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            throw e;
        } finally {
            if (local != null) {
                local.close();
            }
            pair.close();
        }
    }

    /**
     * The same-host bootstrap socket beside {@code pair}, or null when this user's local directory
     * cannot hold one (the child then reports over the PAIR link only).
     */
    private static LocalBootstrap listenLocally(BootstrapLink pair) {
        if ("off".equals(System.getProperty(LOCAL_BOOTSTRAP_PROPERTY))) {
            return null;
        }
        try {
            return LocalBootstrap.listen(LocalDirectory.defaultLocation(), pair);
        } catch (IOException | RuntimeException e) {
            log.debug("no local bootstrap socket ({}); the child reports over the PAIR link", e.toString());
            return null;
        }
    }

    static List<String> command(SpawnOptions options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.addAll(JavaRuntime.standardOptions(JavaRuntime.featureVersion(options.javaExecutable())));
        cmd.addAll(ClassDataSharing.optionsFor(options));
        cmd.addAll(LogConfigSource.ofThisProcess().jvmOptionsForChild(options.jvmOptions(), options.environment()));
        cmd.addAll(options.jvmOptions());
        cmd.add("-cp");
        cmd.add(String.join(java.io.File.pathSeparator, options.classPath()));
        cmd.add(Bootstrap.class.getName());
        cmd.add(options.name());
        return cmd;
    }

    /**
     * The child's process with its configuration written: a matching warm spare if there is one
     * alive, else a new JVM.
     */
    private static Process takeSpare(SpawnOptions options, List<String> command, byte[] config) {
        Process spare = SPARES.take(WarmSpares.Key.of(command, options));
        if (spare != null) {
            if (writeConfig(spare, options, config)) {
                log.debug("{} starts from warm spare pid {}", options.name(), spare.pid());
                return spare;
            }
            spare.destroyForcibly();   // it died since it was taken: start cold
        }
        return null;
    }

    private static Process startChild(SpawnOptions options, List<String> command, byte[] config) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(options.environment());
        if (options.workingDirectory() != null) {
            pb.directory(options.workingDirectory().toFile());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new SpawnException(options.name(), "cannot start process '" + options.name() + "' with "
                    + options.javaExecutable() + ": " + e.getMessage(), e);
        }
        writeConfig(process, options, config);   // if it died at once, awaitAddress reports it with its stderr
        return process;
    }

    private static boolean writeConfig(Process process, SpawnOptions options, byte[] config) {
        OutputStream stdin = process.getOutputStream();
        try {
            stdin.write(config);
            stdin.flush();
            return true;
        } catch (IOException e) {
            log.debug("could not write the configuration of {}: {}", options.name(), e.toString());
            return false;
        }
    }

    /**
     * Kills this process's idle warm spares (see {@link SpawnOptions.Builder#warmSpare}), and any
     * being started, and waits until they have exited. Later spawns with warm spares start new ones.
     */
    public static void discardSpares() {
        SPARES.discardAll();
    }

    /**
     * Waits (at most {@code timeout}) until a spawn with {@code options} starts as fast as it can:
     * the class-data sharing archive exists (when the options use one) and an idle warm spare has
     * finished warming up (when they ask for warm spares; a first spawn starts it). For callers
     * that time spawns, or that want the next spawn quick.
     *
     * <pre>{@code
     * ProcessSpawner.spawn(options).kill();             // starts the spare and trains the archive
     * ProcessSpawner.awaitReady(options, Duration.ofSeconds(60));
     * }</pre>
     *
     * @return true if ready, false if the timeout passed first
     */
    public static boolean awaitReady(SpawnOptions options, Duration timeout) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(timeout, "timeout");
        return SpawnReadiness.await(options, timeout);
    }

    /** The pid of the idle warm spare that a spawn with {@code options} would take, if any (for tests). */
    static OptionalLong idleSparePid(SpawnOptions options) {
        return SPARES.idlePid(WarmSpares.Key.of(command(options), options));
    }

    /** The pids of this process's idle warm spares (for tests and the start-up benchmark). */
    static List<Long> idleSparePids() {
        return SPARES.idlePids();
    }

    private static String awaitAddress(SpawnOptions options, Process process, BootstrapLink pair, LocalBootstrap local,
            LineForwarder err, Duration timeout, boolean spare) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            pair.arm();
            byte[] localStatus = local == null ? null : local.status();
            ByteBuffer frame = localStatus != null ? ByteBuffer.wrap(localStatus) : pair.receive();
            if (frame != null) {
                return parseStatus(options, process, frame, err);
            }
            if (!process.isAlive()) {
                Forwarding.awaitEnd(err);
                throw new SpawnException(options.name(), "process '" + options.name() + "' exited with code "
                        + process.exitValue() + ExitCodes.meaning(process.exitValue())
                        + " before it started serving" + stderrText(err));
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                String state = StallReport.describe(process.pid());   // before the kill, while it can be seen
                process.destroyForcibly();
                if (spare) {
                    throw new SpareStalled("the warm spare (pid " + process.pid() + ") taken for '" + options.name()
                            + "' did not report its address within " + timeout.toMillis() + " ms" + state
                            + "; it was killed");
                }
                Forwarding.awaitEnd(err);
                throw new SpawnException(options.name(), "process '" + options.name() + "' did not report its address"
                        + " within " + options.startupTimeout().toMillis() + " ms" + state + "; it was killed"
                        + " (its bootstrap link was bound " + pair.rebinds() + " more times meanwhile)" + stderrText(err));
            }
            try {
                pair.awaitReadable(remaining);   // binds the link again when it stays silent (see BootstrapLink)
            } catch (TransportException e) {
                process.destroyForcibly();
                throw new SpawnException(options.name(), "process '" + options.name() + "' could not report its address: "
                        + "its bootstrap link at " + pair.endpoint() + " had to be bound again and could not be: "
                        + e.getMessage() + "; it was killed; try again", e);
            }
        }
    }

    private static String parseStatus(SpawnOptions options, Process process, ByteBuffer frame, LineForwarder err) {
        Object status;
        try {
            status = Serializers.JSON.decode(frame, ValueMapper.PLAIN);
        } catch (WireFormatException e) {
            process.destroyForcibly();
            throw new SpawnException(options.name(), "process '" + options.name() + "' sent an unreadable status: "
                    + e.getMessage(), e);
        }
        if (status instanceof Map<?, ?> m && m.get("address") instanceof String address) {
            return address;
        }
        process.destroyForcibly();
        if (status instanceof Map<?, ?> m && m.get("error") instanceof List<?> lines) {
            StringBuilder text = new StringBuilder();
            for (Object line : lines) {
                text.append("    ").append(String.valueOf(line).stripTrailing()).append('\n');
            }
            throw new SpawnException(options.name(), "process '" + options.name() + "' failed to start:\n"
                    + text.toString().stripTrailing());
        }
        throw new SpawnException(options.name(), "process '" + options.name() + "' sent an unexpected status: " + status);
    }

    private static String stderrText(LineForwarder err) {
        List<String> tail = err.tail();
        if (tail.isEmpty()) {
            return "; it wrote nothing to stderr";
        }
        StringBuilder sb = new StringBuilder("; its stderr:");
        for (String line : tail) {
            sb.append("\n    ").append(line);
        }
        return sb.toString();
    }
}

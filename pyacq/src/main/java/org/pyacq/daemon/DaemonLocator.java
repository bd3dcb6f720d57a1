package org.pyacq.daemon;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import org.pyacq.log.LogConfigSource;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcException;
import org.pyacq.spawn.StallReport;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.UserKeys;

/**
 * Finds the daemon of a runtime directory for clients (the command line, the REPL), and starts
 * one in the background when none runs and that is allowed. A runtime file left by a dead daemon
 * is recognized as stale (its pid is gone, or nothing answers at its address) and not trusted.
 */
public final class DaemonLocator {
    /** Environment variable that, set to 1, stops clients from starting a daemon by themselves. */
    public static final String NO_AUTOSTART_ENV = "PYACQ_NO_AUTOSTART";

    private final Path runtimeDir;
    private final Duration timeout;
    /** Finds the launcher when a daemon must be started (a service lookup reads the jar: not for every command). */
    private final Supplier<DaemonLauncher> launcherLookup;
    private DaemonLauncher launcher;
    private boolean launcherFound;

    /**
     * A locator for {@code runtimeDir} (null: the default directory) that starts a daemon, when
     * allowed, with the launcher installed on the class path ({@link DaemonLauncher#installed()}).
     */
    public DaemonLocator(Path runtimeDir, Duration timeout) {
        this(runtimeDir, timeout, () -> DaemonLauncher.installed().orElse(null));
    }

    /** A locator that starts a daemon with {@code launcher} (null: it cannot start one). */
    public DaemonLocator(Path runtimeDir, Duration timeout, DaemonLauncher launcher) {
        this(runtimeDir, timeout, () -> launcher);
    }

    private DaemonLocator(Path runtimeDir, Duration timeout, Supplier<DaemonLauncher> launcherLookup) {
        this.runtimeDir = runtimeDir != null ? runtimeDir : RuntimeDirectory.defaultPath();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.launcherLookup = launcherLookup;
    }

    /** The launcher to start a daemon with, looked up once; null if there is none. */
    private synchronized DaemonLauncher launcher() {
        if (!launcherFound) {
            launcher = launcherLookup.get();
            launcherFound = true;
        }
        return launcher;
    }

    public Path runtimeDir() {
        return runtimeDir;
    }

    /** How long a ping may take to say that a daemon answers. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The runtime file of a daemon whose process is alive and whose security matches ours, without
     * asking it anything (a caller that is about to connect anyway asks it itself; if it does not
     * answer, {@link #findOrStart} finds out why).
     *
     * @throws DaemonException if the file cannot be read, or the daemon's security does not match
     */
    public Optional<RuntimeFile> alive() {
        Optional<RuntimeFile> file;
        try {
            file = RuntimeFile.read(runtimeDir);
        } catch (IOException e) {
            throw new DaemonException(e.getMessage(), e);
        }
        if (file.isEmpty() || !file.get().processAlive()) {
            return Optional.empty();
        }
        checkSecurityMatches(file.get());
        return file;
    }

    /** A live daemon's runtime file, if one answers a ping. */
    public Optional<RuntimeFile> find() {
        return find(new String[1]);
    }

    /** {@link #find()}, saying in {@code why[0]} why nothing was found. */
    private Optional<RuntimeFile> find(String[] why) {
        Optional<RuntimeFile> file;
        try {
            file = RuntimeFile.read(runtimeDir);
        } catch (IOException e) {
            throw new DaemonException(e.getMessage(), e);
        }
        if (file.isEmpty()) {
            why[0] = "it wrote no runtime file";
            return Optional.empty();
        }
        if (!file.get().processAlive()) {
            why[0] = "its process (pid " + file.get().pid() + ") is gone";
            return Optional.empty();
        }
        checkSecurityMatches(file.get());
        try (RpcClient probe = RpcClient.open(file.get().address(),
                ClientOptions.builder().timeout(PROBE_TIMEOUT).build())) {
            probe.ping();
            return file;
        } catch (RpcException e) {
            why[0] = "a ping to " + file.get().address() + " (pid " + file.get().pid() + ") failed: " + e.getMessage();
            return Optional.empty();
        }
    }

    /**
     * Refuses, with a message saying what to do, to talk to a daemon whose sockets this process's
     * security cannot reach: one side insecure (plain) and the other not, or another key.
     *
     * @throws DaemonException if they do not match
     */
    static void checkSecurityMatches(RuntimeFile file) {
        String theirs = file.security();
        if (theirs == null) {
            return;
        }
        TransportSecurity ours = DefaultSecurity.get();
        if (theirs.equals("plain") && !ours.isPlain()) {
            throw new DaemonException("the daemon at " + file.address() + " (pid " + file.pid() + ") runs in insecure "
                    + "mode, without authentication; talk to it with --insecure, or restart it without --insecure");
        }
        if (theirs.equals("curve") && ours.isPlain()) {
            throw new DaemonException("the daemon at " + file.address() + " (pid " + file.pid() + ") requires "
                    + "authentication; leave out --insecure (this process then uses your key file, "
                    + UserKeys.keyFile(UserKeys.defaultDirectory()) + ")");
        }
        if (file.serverKey() != null && ours instanceof CurveSecurity c && !c.serverKey().equals(file.serverKey())) {
            throw new DaemonException("the daemon at " + file.address() + " (pid " + file.pid() + ") uses the key "
                    + KeyPair.fingerprint(file.serverKey()) + " but this process expects " + KeyPair.fingerprint(c.serverKey())
                    + "; use the daemon's key directory (" + UserKeys.DIR_ENV + ", -D" + UserKeys.DIR_PROPERTY + ")");
        }
    }

    /**
     * The running daemon's runtime file; starts a daemon in the background first if none runs
     * and {@code autostart} is set.
     *
     * @throws DaemonException if no daemon runs (and none may or could be started)
     */
    public RuntimeFile findOrStart(boolean autostart) {
        Optional<RuntimeFile> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!autostart || "1".equals(System.getenv(NO_AUTOSTART_ENV))) {
            throw new DaemonException("no daemon is running for " + runtimeDir + "; start one with 'pyacqd' (or "
                    + "'pyacq daemon'), or let commands start it by leaving out --no-autostart and " + NO_AUTOSTART_ENV);
        }
        DaemonLauncher launcher = launcher();
        if (launcher == null) {
            throw new DaemonException("no daemon is running for " + runtimeDir + " and this program has no daemon"
                    + " launcher to start one (no " + DaemonLauncher.class.getName() + " service on its class path);"
                    + " start one with 'pyacqd'");
        }
        Process started = startInBackground(launcher);
        long deadline = System.nanoTime() + timeout.toNanos();
        String[] why = {"it was not asked yet"};
        while (System.nanoTime() < deadline) {
            found = find(why);
            if (found.isPresent()) {
                return found.get();
            }
            if (!started.isAlive() && started.exitValue() != 0 && !anotherDaemonStarting(started.pid())) {
                throw new DaemonException("started a daemon for " + runtimeDir + " but it exited with code "
                        + started.exitValue() + tailOfLog());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        throw new DaemonException("started a daemon for " + runtimeDir + " (pid " + started.pid() + ") but it did not "
                + "answer within " + timeout.toSeconds() + " s (" + why[0] + ")" + StallReport.describe(started.pid())
                + tailOfLog());
    }

    /** Whether a daemon other than {@code ours} holds the runtime file (one started beside ours won). */
    private boolean anotherDaemonStarting(long ours) {
        try {
            return RuntimeFile.read(runtimeDir).map(f -> f.pid() != ours && f.processAlive()).orElse(false);
        } catch (IOException e) {
            return true;   // being written, by a daemon that won the lock
        }
    }

    /** The last lines of daemon.log, to show with an error about a daemon that did not start. */
    private String tailOfLog() {
        Path log = runtimeDir.resolve("daemon.log");
        try {
            List<String> lines = Files.readAllLines(log);
            List<String> last = lines.subList(Math.max(0, lines.size() - 8), lines.size());
            return last.isEmpty() ? "; " + log + " is empty"
                    : "; the end of " + log + ":\n  " + String.join("\n  ", last);
        } catch (IOException e) {
            return "; see " + log;
        }
    }

    /** The daemon's control object, over the process's shared client for its address. */
    public static ObjectProxy control(RuntimeFile file) {
        return (ObjectProxy) RpcClient.connect(file.address()).get("daemon");
    }

    /** Starts the launcher's daemon for this runtime directory, detached, logging to daemon.log there. */
    private Process startInBackground(DaemonLauncher launcher) {
        try {
            RuntimeDirectory.prepare(runtimeDir);
            List<String> cmd = new ArrayList<>();
            Path setsid = Path.of("/usr/bin/setsid");
            if (Files.isExecutable(setsid)) {
                cmd.add(setsid.toString());
            }
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(daemonJvmOptions());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(launcher.mainClass());
            cmd.addAll(launcher.arguments());
            cmd.add("--runtime-dir");
            cmd.add(runtimeDir.toString());
            if (DefaultSecurity.isInsecure()) {
                cmd.add("--insecure");
                if (DefaultSecurity.get().allowsInsecureRemote()) {
                    cmd.add("--allow-insecure-remote");
                }
            }
            File logFile = runtimeDir.resolve("daemon.log").toFile();
            return new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DaemonException("cannot start a daemon for " + runtimeDir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> daemonJvmOptions() {
        List<String> opts = new ArrayList<>();
        String keyDir = System.getProperty(UserKeys.DIR_PROPERTY);
        if (keyDir != null && !keyDir.isBlank()) {
            opts.add("-D" + UserKeys.DIR_PROPERTY + "=" + keyDir);   // a path, not a secret
        }
        // the same logback file on top of the daemon's logging as this command's (conf/logback.xml)
        opts.addAll(LogConfigSource.ofThisProcess().jvmOptionsForChild(List.of(), Map.of()));
        if (Runtime.version().feature() >= 24) {
            opts.add("--sun-misc-unsafe-memory-access=allow");
        }
        return opts;
    }
}

package org.pyacq.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.pyacq.spawn.ExitCodes;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnException;
import org.pyacq.spawn.SpawnedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child under supervision: its spec, the current process (if any), and what happened to it.
 * Restarts follow the spec's policy with exponential back-off; a child that keeps failing is
 * given up on after {@code max_restarts} restarts in a row. All state changes are synchronized.
 */
final class SupervisedChild {
    private static final Logger log = LoggerFactory.getLogger(SupervisedChild.class);
    /** A child that ran this long before exiting has its restart count reset. */
    private static final Duration STABLE = Duration.ofSeconds(60);

    /** Where a child is in its life. */
    enum State { STARTING, RUNNING, STOPPING, STOPPED, EXITED, FAILED, BACKOFF, GAVE_UP }

    private final ChildSpec spec;
    private final DaemonConfig config;
    private final String logAddress;
    private final ScheduledExecutorService scheduler;
    private SpawnedProcess process;
    private State state = State.STOPPED;
    private int restarts;
    private int consecutiveRestarts;
    private Integer lastExitCode;
    private String lastError;
    private Instant startedAt;
    /** When the last process ended by itself (not stopped by us), and its last stderr lines. */
    private Instant diedAt;
    private List<String> diedStderr = List.of();
    private Instant nextRestartAt;
    private ScheduledFuture<?> pendingRestart;
    private boolean stopRequested;

    SupervisedChild(ChildSpec spec, DaemonConfig config, String logAddress, ScheduledExecutorService scheduler) {
        this.spec = spec;
        this.config = config;
        this.logAddress = logAddress;
        this.scheduler = scheduler;
    }

    ChildSpec spec() {
        return spec;
    }

    /**
     * Starts the child now and waits until it serves.
     *
     * @throws SpawnException if it cannot start (the state becomes FAILED)
     */
    void start() {
        synchronized (this) {
            if (state == State.RUNNING || state == State.STARTING) {
                throw new IllegalStateException("process '" + spec.name() + "' is already " + stateText());
            }
            cancelPendingRestart();
            state = State.STARTING;
            stopRequested = false;
        }
        try {
            SpawnedProcess p = ProcessSpawner.spawn(spec.toSpawnOptions(logAddress, config.accessPolicy(), config.warmSpares(),
                    config.leaseJvmOptions()));
            synchronized (this) {
                process = p;
                startedAt = Instant.now();
                lastError = null;
                state = stopRequested ? State.STOPPING : State.RUNNING;
            }
            p.onExit().thenAccept(code -> exited(p, code));
            if (stopRequested) {
                p.stop(config.stopGrace());
            }
        } catch (SpawnException | IllegalArgumentException e) {
            synchronized (this) {
                lastError = e.getMessage();
                state = State.FAILED;
            }
            scheduleRestartAfterFailure(1);
            throw e;
        }
    }

    private void exited(SpawnedProcess p, int code) {
        boolean restart;
        synchronized (this) {
            if (p != process) {
                return;
            }
            lastExitCode = code;
            process = null;
            if (stopRequested || state == State.STOPPING) {
                diedAt = null;
                state = State.STOPPED;
                return;
            }
            if (startedAt != null && Duration.between(startedAt, Instant.now()).compareTo(STABLE) > 0) {
                consecutiveRestarts = 0;
            }
            restart = spec.restart().restartsAfter(code);
            state = code == 0 ? State.EXITED : State.FAILED;
            diedAt = Instant.now();
            diedStderr = List.copyOf(p.stderrTail());
            lastError = code == 0 ? null : ExitCodes.describe(code) + describeTail(p.stderrTail());
        }
        log.warn("process '{}' exited with code {}{}", spec.name(), code, restart ? "; restarting" : "");
        if (restart) {
            scheduleRestartAfterFailure(code);
        }
    }

    private static String describeTail(List<String> tail) {
        return tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1);
    }

    private void scheduleRestartAfterFailure(int code) {
        synchronized (this) {
            if (stopRequested || !spec.restart().restartsAfter(code)) {
                return;
            }
            if (consecutiveRestarts >= spec.maxRestarts()) {
                state = State.GAVE_UP;
                log.error("process '{}' failed {} times in a row; not restarting it again (restart it by hand)",
                        spec.name(), consecutiveRestarts + 1);
                return;
            }
            long delay = Math.min(config.restartBackoffMax().toMillis(),
                    config.restartBackoff().toMillis() << Math.min(consecutiveRestarts, 20));
            consecutiveRestarts++;
            state = State.BACKOFF;
            nextRestartAt = Instant.now().plusMillis(delay);
            pendingRestart = scheduler.schedule(this::restartFromBackoff, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void restartFromBackoff() {
        synchronized (this) {
            if (state != State.BACKOFF) {
                return;
            }
            restarts++;
        }
        try {
            start();
        } catch (RuntimeException e) {
            log.warn("restart of '{}' failed: {}", spec.name(), e.getMessage());
        }
    }

    /** Stops the child gracefully (close its server, then kill after the grace period). */
    Integer stop() {
        SpawnedProcess p;
        synchronized (this) {
            stopRequested = true;
            cancelPendingRestart();
            p = process;
            if (p == null) {
                if (state != State.STARTING) {
                    state = State.STOPPED;
                }
                return lastExitCode;
            }
            state = State.STOPPING;
        }
        int code = p.stop(config.stopGrace());
        synchronized (this) {
            lastExitCode = code;
            if (process == p) {
                process = null;
            }
            state = State.STOPPED;
        }
        return code;
    }

    /** Kills the child at once; no restart follows. */
    Integer kill() {
        SpawnedProcess p;
        synchronized (this) {
            stopRequested = true;
            cancelPendingRestart();
            p = process;
            if (p == null) {
                state = State.STOPPED;
                return lastExitCode;
            }
            state = State.STOPPING;
        }
        int code = p.kill();
        synchronized (this) {
            lastExitCode = code;
            state = State.STOPPED;
        }
        return code;
    }

    /** Stops (if running) and starts again; counts as a restart. */
    void restart() {
        stop();
        synchronized (this) {
            restarts++;
            consecutiveRestarts = 0;
        }
        start();
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
            nextRestartAt = null;
        }
    }

    synchronized SpawnedProcess process() {
        return process;
    }

    /**
     * The running process, for a call into it.
     *
     * @throws IllegalStateException if it is not running, saying why (how it died, when, its last
     *         stderr lines) and what to do
     */
    synchronized SpawnedProcess reachable() {
        if (process != null && state == State.RUNNING) {
            return process;
        }
        String name = spec.name();
        String restartHint = "'pyacq restart " + name + "' starts it again";
        switch (state) {
            case STARTING:
                throw new IllegalStateException("process '" + name + "' is starting; try again in a moment");
            case STOPPING:
            case STOPPED:
                throw new IllegalStateException("process '" + name + "' is " + stateText() + "; " + restartHint);
            default:
                break;
        }
        StringBuilder sb = new StringBuilder(name);
        if (diedAt != null && lastExitCode != null) {
            sb.append(lastExitCode == 0 ? " exited at " : " died at ")
                    .append(CLOCK.format(diedAt.atZone(java.time.ZoneId.systemDefault()))).append(": ")
                    .append(ExitCodes.describe(lastExitCode));
            if (diedStderr.isEmpty()) {
                sb.append("; it wrote nothing to stderr");
            } else {
                sb.append("; the last lines it wrote to stderr:");
                List<String> last = diedStderr.subList(Math.max(0, diedStderr.size() - 5), diedStderr.size());
                last.forEach(l -> sb.append("\n  ").append(l));
                sb.append('\n');
            }
        } else {
            sb.append(" is ").append(stateText());
            if (lastError != null) {
                sb.append(" (").append(lastError).append(')');
            }
        }
        if (state == State.BACKOFF && nextRestartAt != null) {
            long s = Math.max(0, Duration.between(Instant.now(), nextRestartAt).toSeconds());
            sb.append(sb.charAt(sb.length() - 1) == '\n' ? "" : "; ").append("the daemon restarts it in ").append(s)
                    .append(" s");
        } else {
            sb.append(sb.charAt(sb.length() - 1) == '\n' ? "" : "; ").append(restartHint);
        }
        throw new IllegalStateException(sb.toString());
    }

    private static final java.time.format.DateTimeFormatter CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss", java.util.Locale.ROOT);

    synchronized State state() {
        return state;
    }

    synchronized String stateText() {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** What {@code ps} shows: name, pid, address, status, uptime, restarts, exit code, memory. */
    synchronized Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("status", stateText());
        m.put("pid", process != null ? process.pid() : null);
        m.put("address", process != null ? process.address() : null);
        m.put("uptime", process != null && startedAt != null
                ? Duration.between(startedAt, Instant.now()).toMillis() / 1000.0 : null);
        m.put("restarts", restarts);
        m.put("exit_code", lastExitCode);
        m.put("signal", lastExitCode == null ? null : ExitCodes.signal(lastExitCode));
        m.put("memory", process != null ? ProcessMemory.residentBytes(process.pid()) : null);
        m.put("restart_policy", spec.restart().toString());
        m.put("next_restart_in", nextRestartAt != null && state == State.BACKOFF
                ? Math.max(0, Duration.between(Instant.now(), nextRestartAt).toMillis()) / 1000.0 : null);
        m.put("error", lastError);
        return m;
    }
}

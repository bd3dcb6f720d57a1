package org.pyacq.spawn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle warm spare JVMs ({@link Bootstrap} started with {@value Bootstrap#SPARE_ARGUMENT}): at most
 * one per command line, environment and working directory, and at most {@value #MAX_IDLE} in the
 * process; a new one beyond that evicts (kills) the one whose options were used least recently.
 * Spares are started on a background thread and taken under this object's lock, so concurrent
 * spawns never share one. A spare exits by itself when this process dies (its stdin closes).
 */
final class WarmSpares {
    static final int MAX_IDLE = 2;
    private static final Logger log = LoggerFactory.getLogger(WarmSpares.class);

    /** What a spare must share with the spawn that takes it: the command line without the name, environment, directory. */
    record Key(List<String> command, Map<String, String> environment, Path workingDirectory) {
        static Key of(List<String> commandWithName, SpawnOptions options) {
            return new Key(List.copyOf(commandWithName.subList(0, commandWithName.size() - 1)), options.environment(),
                    options.workingDirectory());
        }
    }

    /** Idle spares, least recently started (that is, for the options least recently spawned) first. */
    private final LinkedHashMap<Key, Process> idle = new LinkedHashMap<>();
    /** Spares being started on a background thread. */
    private int starting;
    /** Bumped by {@link #discardAll}: a spare started before it is not kept. */
    private long generation;

    /** The idle spare for {@code key}, removed from the pool; null if there is none or it died. */
    Process take(Key key) {
        Process p;
        synchronized (this) {
            p = idle.remove(key);
        }
        if (p != null && !p.isAlive()) {
            log.debug("warm spare pid {} had exited (code {}); starting cold", p.pid(), p.exitValue());
            return null;
        }
        return p;
    }

    /** Starts, in the background, a spare for the next spawn with {@code options} (unless one is idle). */
    void replenish(SpawnOptions options) {
        long gen;
        synchronized (this) {
            gen = generation;
            starting++;
        }
        Thread t = new Thread(() -> start(options, gen), "pyacq-spare-starter");
        t.setDaemon(true);
        t.start();
    }

    private void start(SpawnOptions options, long gen) {
        try {
            List<String> command = new ArrayList<>(ProcessSpawner.command(options));
            Key key = Key.of(command, options);
            synchronized (this) {
                Process present = idle.get(key);
                if (present != null && present.isAlive()) {
                    return;
                }
            }
            command.set(command.size() - 1, Bootstrap.SPARE_ARGUMENT);
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(options.environment());
            if (options.workingDirectory() != null) {
                pb.directory(options.workingDirectory().toFile());
            }
            Process spare = pb.start();
            List<Process> unwanted = new ArrayList<>();
            synchronized (this) {
                Process present = idle.get(key);
                if (gen != generation || (present != null && present.isAlive())) {
                    unwanted.add(spare);
                } else {
                    idle.remove(key);   // re-inserted last: the most recently used
                    idle.put(key, spare);
                    Iterator<Process> eldest = idle.values().iterator();
                    while (idle.size() > MAX_IDLE) {
                        unwanted.add(eldest.next());
                        eldest.remove();
                    }
                }
            }
            unwanted.forEach(WarmSpares::kill);
            log.debug("warm spare pid {} started for the next spawn like {}", spare.pid(), options.name());
        } catch (IOException | RuntimeException e) {
            log.debug("cannot start a warm spare for spawns like {}: {}", options.name(), e.toString());
        } finally {
            synchronized (this) {
                starting--;
                notifyAll();
            }
        }
    }

    /** Kills every idle spare and any being started, and waits (bounded) until they have exited. */
    void discardAll() {
        List<Process> discarded;
        synchronized (this) {
            generation++;
            discarded = new ArrayList<>(idle.values());
            idle.clear();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (starting > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        discarded.forEach(WarmSpares::kill);
    }

    /** The pid of the idle spare for {@code key}, if there is one. */
    synchronized OptionalLong idlePid(Key key) {
        Process p = idle.get(key);
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }

    /** The pids of all idle spares, least recently used first. */
    synchronized List<Long> idlePids() {
        List<Long> pids = new ArrayList<>();
        idle.values().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private static void kill(Process p) {
        p.destroyForcibly();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                log.warn("warm spare pid {} did not exit within 5 s of SIGKILL", p.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

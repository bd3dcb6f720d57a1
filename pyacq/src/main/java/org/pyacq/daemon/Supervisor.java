package org.pyacq.daemon;

import java.util.ArrayList;
import java.util.List;
import org.pyacq.spawn.SpawnedProcess;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The daemon's children by name, with the scheduler that times their restarts. */
final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final DaemonConfig config;
    private final String logAddress;
    private final Map<String, SupervisedChild> children = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyacq-supervisor");
        t.setDaemon(true);
        return t;
    });

    Supervisor(DaemonConfig config, String logAddress) {
        this.config = config;
        this.logAddress = logAddress;
    }

    /**
     * Starts a new child (or starts again a stopped one with a new spec).
     *
     * @throws IllegalStateException if a child of that name is running
     */
    SupervisedChild spawn(ChildSpec spec) {
        SupervisedChild child = children.compute(spec.name(), (name, existing) -> {
            if (existing != null) {
                SupervisedChild.State s = existing.state();
                if (s == SupervisedChild.State.RUNNING || s == SupervisedChild.State.STARTING
                        || s == SupervisedChild.State.STOPPING || s == SupervisedChild.State.BACKOFF) {
                    throw new IllegalStateException("a process named '" + name + "' is already " + existing.stateText()
                            + "; stop it first or choose another name");
                }
            }
            return new SupervisedChild(spec, config, logAddress, scheduler);
        });
        child.start();
        return child;
    }

    /** The child named {@code name}. */
    SupervisedChild get(String name) {
        SupervisedChild c = children.get(name);
        if (c == null) {
            throw new java.util.NoSuchElementException("no process named '" + name + "'; known processes: "
                    + new java.util.TreeSet<>(children.keySet()));
        }
        return c;
    }

    /**
     * The running process of child {@code name}, for a call into it.
     *
     * @throws java.util.NoSuchElementException if there is no such child
     * @throws IllegalStateException if it is not running (the message says how it ended and what to do)
     */
    SpawnedProcess reachable(String name) {
        return get(name).reachable();
    }

    /** Forgets a stopped child. */
    void remove(String name) {
        SupervisedChild c = get(name);
        SupervisedChild.State s = c.state();
        if (s == SupervisedChild.State.RUNNING || s == SupervisedChild.State.STARTING) {
            throw new IllegalStateException("process '" + name + "' is " + c.stateText() + "; stop it before removing it");
        }
        children.remove(name, c);
    }

    List<SupervisedChild> all() {
        List<SupervisedChild> list = new ArrayList<>(children.values());
        list.sort((a, b) -> a.spec().name().compareTo(b.spec().name()));
        return list;
    }

    /** Stops every child gracefully, in parallel, then kills what is left. */
    void stopAll() {
        List<Thread> stoppers = new ArrayList<>();
        for (SupervisedChild c : all()) {
            Thread t = new Thread(() -> {
                try {
                    c.stop();
                } catch (RuntimeException e) {
                    log.warn("stopping '{}' failed: {}", c.spec().name(), e.getMessage());
                    c.kill();
                }
            }, "pyacq-stop-" + c.spec().name());
            t.start();
            stoppers.add(t);
        }
        long deadline = System.nanoTime() + config.stopGrace().toNanos() + TimeUnit.SECONDS.toNanos(15);
        for (Thread t : stoppers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SupervisedChild c : all()) {
            if (c.process() != null && c.process().isAlive()) {
                c.kill();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        scheduler.shutdownNow();
    }
}

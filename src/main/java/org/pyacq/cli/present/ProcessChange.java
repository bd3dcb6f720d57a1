package org.pyacq.cli.present;

import java.util.Map;
import java.util.Objects;

/**
 * What an action did to a process, and the one line {@code pyacq} and the REPL print for it, from
 * the daemon's description of the process afterwards:
 *
 * <pre>
 *   started w1: pid 31337 at tcp://127.0.0.1:40213        spawn
 *   restarted w1: pid 31338 at tcp://127.0.0.1:40214      restart
 *   stopped w1 (exit code 0)                              stop
 *   killed w1 (exit code 137)                             kill
 * </pre>
 */
public enum ProcessChange {
    STARTED("spawn", "started", true),
    RESTARTED("restart", "restarted", true),
    STOPPED("stop", "stopped", false),
    KILLED("kill", "killed", false);

    private final String method;
    private final String verb;
    private final boolean running;

    ProcessChange(String method, String verb, boolean running) {
        this.method = method;
        this.verb = verb;
        this.running = running;
    }

    /** The daemon control object's method that makes this change. */
    public String method() {
        return method;
    }

    /** The line for process {@code name}, described afterwards by {@code after}. */
    public String line(String name, Map<?, ?> after) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(after, "after");
        if (running) {
            return verb + " " + name + ": pid " + after.get("pid") + " at " + after.get("address");
        }
        return verb + " " + name + (after.get("exit_code") == null ? "" : " (exit code " + after.get("exit_code") + ")");
    }
}

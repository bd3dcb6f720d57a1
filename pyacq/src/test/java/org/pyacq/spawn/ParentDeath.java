package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that a process started by a parent JVM exits by itself once that parent is killed. */
final class ParentDeath {
    private ParentDeath() {
    }

    /**
     * Runs {@code parentMain} in a new JVM until it prints {@code "LABEL pid"}, kills it, and checks
     * that the process with that pid exits within 30 s. Returns the pid.
     */
    static long assertOrphanExits(Class<?> parentMain, String label) throws Exception {
        List<String> cmd = List.of(SpawnOptions.currentJava().toString(), "-cp", System.getProperty("java.class.path"),
                parentMain.getName());
        Process parent = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long pid = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(label + " ")) {
                    pid = Long.parseLong(line.substring(label.length() + 1).trim());
                    break;
                }
            }
            assertTrue(pid > 0, "the parent never reported its " + label);
            ProcessHandle orphan = ProcessHandle.of(pid).orElseThrow();
            assertTrue(orphan.isAlive());
            parent.destroyForcibly();
            orphan.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(orphan.isAlive());
            return pid;
        } finally {
            parent.destroyForcibly();
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}

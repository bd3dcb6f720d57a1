package org.pyacq.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names of this process as other processes see them: in client identities, log records and
 * error headers. The process name is "process-PID" unless set (a spawned child takes the name
 * its parent gave it). This is per-process state, so it is static.
 */
public final class ProcessIdentity {
    private static volatile String processName = "process-" + ProcessHandle.current().pid();
    private static volatile String hostName;

    private ProcessIdentity() {
    }

    public static String processName() {
        return processName;
    }

    public static void setProcessName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a process name must not be blank");
        }
        processName = name;
    }

    /** This machine's name, read once (from the kernel where possible, which never waits on DNS). */
    public static String hostName() {
        String h = hostName;
        if (h == null) {
            h = readHostName();
            hostName = h;
        }
        return h;
    }

    private static String readHostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel, StandardCharsets.US_ASCII).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | SecurityException e) {
            // fall back to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The current thread's name, as used in identities and log prefixes. */
    public static String threadName() {
        return Thread.currentThread().getName();
    }
}

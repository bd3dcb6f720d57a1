package org.pyacq.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a started JVM that did not answer in time was doing, for the error that reports it: its
 * scheduler state, the CPU time it had (starved, spinning or blocked), and where its main thread
 * was (from {@code jcmd PID Thread.print}, when the JDK has jcmd and the JVM answers it). Call it
 * before killing the process. Every step is bounded; what cannot be read is left out.
 */
public final class StallReport {
    private static final long JCMD_TIMEOUT_SECONDS = 10;
    private static final int MAX_FRAMES = 30;
    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private StallReport() {
    }

    /**
     * A clause to append to a "did not answer" message, starting with "; ", e.g. "; it was
     * sleeping (S) with 0.42 s of CPU time, 19 threads; its main thread: ...".
     */
    public static String describe(long pid) {
        StringBuilder sb = new StringBuilder();
        sb.append(procState(pid));
        sb.append(mainThread(pid));
        return sb.toString();
    }

    /** State, CPU time and thread count from /proc/PID/stat, or "" where there is no /proc. */
    static String procState(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" +");
            char state = f[0].charAt(0);
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            String threads = f[17];
            return String.format(Locale.ROOT, "; it was %s (%c) with %.2f s of CPU time, %s threads",
                    stateName(state), state, cpu, threads);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String stateName(char state) {
        switch (state) {
            case 'R': return "running";
            case 'S': return "sleeping";
            case 'D': return "in uninterruptible wait";
            case 'T': return "stopped";
            case 't': return "stopped by a tracer";
            case 'Z': return "a zombie";
            default: return "in state";
        }
    }

    /** The top frames of the JVM's main thread, or why there are none. */
    static String mainThread(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "";
        }
        Process p;
        try {
            p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return "";
        }
        try (InputStream in = p.getInputStream()) {
            byte[] out = readBounded(in, p);
            if (p.isAlive()) {
                p.destroyForcibly();
                return "; jcmd could not reach it within " + JCMD_TIMEOUT_SECONDS + " s (the JVM may not be initialized)";
            }
            List<String> frames = mainFrames(new String(out, StandardCharsets.UTF_8));
            if (frames.isEmpty()) {
                return "; jcmd showed no main thread (the JVM may not be initialized)";
            }
            return "; its main thread:\n      " + String.join("\n      ", frames);
        } catch (IOException e) {
            return "";
        } finally {
            p.destroyForcibly();
        }
    }

    /** Reads jcmd's output until it exits or the time is up (its output is small: one thread dump). */
    private static byte[] readBounded(InputStream in, Process p) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JCMD_TIMEOUT_SECONDS);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() - deadline < 0) {
            int available = in.available();
            if (available > 0) {
                int n = in.read(buf, 0, Math.min(buf.length, available));
                out.write(buf, 0, n);
                continue;
            }
            try {
                if (p.waitFor(20, TimeUnit.MILLISECONDS)) {
                    out.write(in.readAllBytes());
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out.toByteArray();
    }

    /** The lines of the "main" thread's entry in a thread dump: its state and top frames. */
    static List<String> mainFrames(String dump) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : dump.split("\n")) {
            if (!in) {
                in = line.startsWith("\"main\" ");
                continue;
            }
            String s = line.strip();
            if (s.isEmpty() || lines.size() >= MAX_FRAMES) {
                break;
            }
            lines.add(s);
        }
        return lines;
    }
}

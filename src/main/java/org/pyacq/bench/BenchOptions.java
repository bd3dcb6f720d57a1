package org.pyacq.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a benchmark run measures and how long. Built with {@link #builder()} (full counts) or
 * {@link Builder#quick()} (tiny counts, for tests: the numbers mean little).
 *
 * <pre>{@code
 * BenchOptions full = BenchOptions.builder().heap("2g").build();
 * BenchOptions smoke = BenchOptions.builder().quick().lines(List.of(Line.PING)).build();
 * }</pre>
 */
public final class BenchOptions {
    private static final long MIB = 1L << 20;

    private final List<Line> lines;
    private final List<Transport> transports;
    private final int latencyWarmup;
    private final int latencySamples;
    private final int pipelineWindow;
    private final Duration pipelineDuration;
    private final int pipelineWarmupRounds;
    private final int pipelineRounds;
    private final int rmiThreads;
    private final int echoBytes;
    private final int echoWarmup;
    private final int echoRounds;
    private final String heap;
    private final List<String> serverJvmArgs;
    private final Duration callTimeout;

    private BenchOptions(Builder b) {
        this.lines = sorted(b.lines, Line.class);
        this.transports = sorted(b.transports, Transport.class);
        this.latencyWarmup = b.latencyWarmup;
        this.latencySamples = b.latencySamples;
        this.pipelineWindow = b.pipelineWindow;
        this.pipelineDuration = b.pipelineDuration;
        this.pipelineWarmupRounds = b.pipelineWarmupRounds;
        this.pipelineRounds = b.pipelineRounds;
        this.rmiThreads = b.rmiThreads;
        this.echoBytes = b.echoBytes;
        this.echoWarmup = b.echoWarmup;
        this.echoRounds = b.echoRounds;
        this.heap = b.heap;
        this.serverJvmArgs = List.copyOf(b.serverJvmArgs);
        this.callTimeout = b.callTimeout;
    }

    private static <E extends Enum<E>> List<E> sorted(Collection<E> items, Class<E> type) {
        EnumSet<E> set = EnumSet.noneOf(type);
        set.addAll(items);
        return List.copyOf(set);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The lines to run, in table order. */
    public List<Line> lines() {
        return lines;
    }

    /** The transports to compare, in table order. */
    public List<Transport> transports() {
        return transports;
    }

    /** Untimed round trips before each latency line. */
    public int latencyWarmup() {
        return latencyWarmup;
    }

    /** Timed round trips per latency line (each one is a sample). */
    public int latencySamples() {
        return latencySamples;
    }

    /** Calls kept in flight by the pipelined line (ours and raw). */
    public int pipelineWindow() {
        return pipelineWindow;
    }

    /** How long each pipelined round keeps issuing calls (it then waits for the last replies). */
    public Duration pipelineDuration() {
        return pipelineDuration;
    }

    public int pipelineWarmupRounds() {
        return pipelineWarmupRounds;
    }

    /** Timed pipelined rounds; each gives one calls/s sample. */
    public int pipelineRounds() {
        return pipelineRounds;
    }

    /** RMI has no asynchronous calls: its pipelined line runs this many threads doing synchronous calls. */
    public int rmiThreads() {
        return rmiThreads;
    }

    /** Payload of the echo line, in bytes (a {@code double[]} of {@code echoBytes / 8} elements). */
    public int echoBytes() {
        return echoBytes;
    }

    public int echoWarmup() {
        return echoWarmup;
    }

    /** Timed echo round trips; each gives one MiB/s sample. */
    public int echoRounds() {
        return echoRounds;
    }

    /** The server JVM's {@code -Xmx} (e.g. {@code 2g}); empty means "copy this JVM's heap flags". */
    public Optional<String> heap() {
        return Optional.ofNullable(heap);
    }

    /** Extra options for the server JVM (e.g. a JFR recording). */
    public List<String> serverJvmArgs() {
        return serverJvmArgs;
    }

    /** Time allowed for one call or one pipelined round before the run fails. */
    public Duration callTimeout() {
        return callTimeout;
    }

    static String formatSize(long bytes) {
        if (bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    @Override
    public String toString() {
        return "BenchOptions[lines=" + lines + ", transports=" + transports + ", latency=" + latencyWarmup + "+"
                + latencySamples + ", pipeline=" + pipelineWindow + " in flight, " + pipelineWarmupRounds + "+"
                + pipelineRounds + " x " + pipelineDuration.toMillis() + " ms, rmiThreads=" + rmiThreads
                + ", echo=" + formatSize(echoBytes) + " " + echoWarmup + "+" + echoRounds
                + ", heap=" + (heap == null ? "as this JVM" : heap) + ", serverJvmArgs=" + serverJvmArgs + "]";
    }

    /** Collects options; {@link #build()} checks them. */
    public static final class Builder {
        private Collection<Line> lines = EnumSet.allOf(Line.class);
        private Collection<Transport> transports = EnumSet.allOf(Transport.class);
        private int latencyWarmup = 10_000;
        private int latencySamples = 20_000;
        private int pipelineWindow = 500;
        private Duration pipelineDuration = Duration.ofMillis(1500);
        private int pipelineWarmupRounds = 2;
        private int pipelineRounds = 5;
        private int rmiThreads = 16;
        private int echoBytes = (int) (80 * MIB);
        private int echoWarmup = 3;
        private int echoRounds = 10;
        private String heap;
        private List<String> serverJvmArgs = new ArrayList<>();
        private Duration callTimeout = Duration.ofMinutes(2);

        /**
         * Tiny counts for tests and smoke runs: every line runs in well under a second per
         * transport and the echo payload shrinks to 4 MiB (still above JeroMQ's 1 MiB direct-buffer threshold).
         */
        public Builder quick() {
            latencyWarmup = 20;
            latencySamples = 50;
            pipelineDuration = Duration.ofMillis(30);
            pipelineWarmupRounds = 1;
            pipelineRounds = 2;
            echoBytes = (int) (4 * MIB);
            echoWarmup = 1;
            echoRounds = 2;
            return this;
        }

        public Builder lines(Collection<Line> lines) {
            this.lines = List.copyOf(lines);
            return this;
        }

        public Builder transports(Collection<Transport> transports) {
            this.transports = List.copyOf(transports);
            return this;
        }

        public Builder latencyWarmup(int n) {
            this.latencyWarmup = n;
            return this;
        }

        public Builder latencySamples(int n) {
            this.latencySamples = n;
            return this;
        }

        public Builder pipelineWindow(int n) {
            this.pipelineWindow = n;
            return this;
        }

        public Builder pipelineDuration(Duration d) {
            this.pipelineDuration = Objects.requireNonNull(d, "d");
            return this;
        }

        public Builder pipelineWarmupRounds(int n) {
            this.pipelineWarmupRounds = n;
            return this;
        }

        public Builder pipelineRounds(int n) {
            this.pipelineRounds = n;
            return this;
        }

        public Builder rmiThreads(int n) {
            this.rmiThreads = n;
            return this;
        }

        public Builder echoBytes(int bytes) {
            this.echoBytes = bytes;
            return this;
        }

        public Builder echoWarmup(int n) {
            this.echoWarmup = n;
            return this;
        }

        public Builder echoRounds(int n) {
            this.echoRounds = n;
            return this;
        }

        /** The server JVM's maximum heap, as for {@code -Xmx} (e.g. {@code 2g}); null copies this JVM's flags. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder serverJvmArgs(List<String> args) {
            this.serverJvmArgs = new ArrayList<>(args);
            return this;
        }

        public Builder callTimeout(Duration d) {
            this.callTimeout = Objects.requireNonNull(d, "d");
            return this;
        }

        public BenchOptions build() {
            if (lines.isEmpty() || transports.isEmpty()) {
                throw new IllegalArgumentException("choose at least one line and one transport, got lines "
                        + lines + " and transports " + transports);
            }
            positive("latency samples", latencySamples);
            positive("pipeline window", pipelineWindow);
            positive("pipeline rounds", pipelineRounds);
            positive("RMI threads", rmiThreads);
            positive("echo rounds", echoRounds);
            notNegative("latency warm-up", latencyWarmup);
            notNegative("pipeline warm-up rounds", pipelineWarmupRounds);
            notNegative("echo warm-up", echoWarmup);
            if (pipelineDuration.isNegative() || pipelineDuration.isZero()) {
                throw new IllegalArgumentException("pipeline duration must be positive, got " + pipelineDuration);
            }
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("call timeout must be positive, got " + callTimeout);
            }
            if (echoBytes < 8 || echoBytes % 8 != 0 || echoBytes > (1 << 30)) {
                throw new IllegalArgumentException("echo payload must be a multiple of 8 bytes between 8 B and"
                        + " 1 GiB (it is a double[]), got " + echoBytes + " bytes");
            }
            if (heap != null && !heap.matches("[0-9]+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must look like -Xmx's value (e.g. 2g or 1536m), got '"
                        + heap + "'");
            }
            return new BenchOptions(this);
        }

        private static void positive(String what, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
        }

        private static void notNegative(String what, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " must not be negative, got " + n);
            }
        }
    }
}

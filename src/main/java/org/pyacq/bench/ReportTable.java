package org.pyacq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Renders a {@link BenchReport} as an aligned text table followed by the notes needed to read it. */
final class ReportTable {
    private ReportTable() {
    }

    static String render(BenchReport report) {
        BenchOptions options = report.options();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("line", "better", "unit"));
        for (Transport t : options.transports()) {
            header.add(t.key() + " median [p10-p90]");
        }
        boolean withRaw = options.transports().contains(Transport.OURS) && options.transports().contains(Transport.RAW);
        boolean withRmi = options.transports().contains(Transport.OURS) && options.transports().contains(Transport.RMI);
        if (withRaw) {
            header.add("ours/raw");
            header.add("raw target");
        }
        if (withRmi) {
            header.add("ours/rmi");
            header.add("rmi target");
        }
        rows.add(header.toArray(String[]::new));
        for (Line line : options.lines()) {
            List<String> row = new ArrayList<>(List.of(line.title(options), line.lowerIsBetter() ? "lower" : "higher",
                    line.unit()));
            for (Transport t : options.transports()) {
                Optional<Measurement> m = report.get(line, t);
                row.add(m.map(x -> number(line, x.median()) + " [" + number(line, x.p10()) + "-"
                        + number(line, x.p90()) + "]").orElse("-"));
            }
            if (withRaw) {
                OptionalDouble r = report.oursOver(line, Transport.RAW);
                row.add(ratio(r));
                row.add((line.lowerIsBetter() ? "<= " : ">= ") + String.format(Locale.ROOT, "%.2f", line.rawTarget())
                        + (r.isPresent() ? (line.meetsRawTarget(r.getAsDouble()) ? " met" : " missed") : ""));
            }
            if (withRmi) {
                OptionalDouble r = report.oursOver(line, Transport.RMI);
                row.add(ratio(r) + (r.isPresent() ? (line.beats(r.getAsDouble()) ? " (ours better)" : " (rmi better)")
                        : ""));
                row.add((line.lowerIsBetter() ? "<= " : ">= ") + String.format(Locale.ROOT, "%.2f", line.rmiTarget())
                        + (r.isPresent() ? (line.meetsRmiTarget(r.getAsDouble()) ? " met" : " missed") : ""));
            }
            rows.add(row.toArray(String[]::new));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "pyacq bench: client and server in separate JVMs; %d CPUs, Java %s,"
                + " max heap: client %s, server %s%n", report.cpus(), report.javaVersion(),
                heap(report.clientMaxHeapBytes()), heap(report.serverMaxHeapBytes())));
        appendAligned(out, rows);
        out.append("ours: our RPC in its default mode (CURVE server; a Java client on the same host takes the"
                + " kernel-checked Unix socket); ours-zmq: forced onto ZeroMQ, plain; ours-curve: forced onto ZeroMQ"
                + " with CURVE. raw JeroMQ and RMI: plain. Ratios compare ours (default mode).\n");
        out.append("ratios are ours/other on the medians: on 'lower' lines (latency) above 1 means ours is slower;"
                + " on 'higher' lines (rates) below 1 means ours is slower.\n");
        if (options.lines().contains(Line.CALL) || options.lines().contains(Line.PING)) {
            out.append(String.format(Locale.ROOT, "latency: %d timed round trips after %d warm-up ones; raw sends"
                    + " 4 B (ping) and 8 B (add) frames, echoed.%n", options.latencySamples(), options.latencyWarmup()));
        }
        if (options.lines().contains(Line.PIPELINE)) {
            out.append(String.format(Locale.ROOT, "pipeline: %d rounds of %d ms (after %d warm-up rounds), calls/s"
                    + " = calls completed / time until the last reply.%n", options.pipelineRounds(),
                    options.pipelineDuration().toMillis(), options.pipelineWarmupRounds()));
            for (Transport t : options.transports()) {
                String note = report.pipelineNotes().get(t);
                if (note != null) {
                    out.append("  ").append(t.key()).append(": ").append(note).append('\n');
                }
            }
        }
        if (options.lines().contains(Line.ECHO)) {
            out.append(String.format(Locale.ROOT, "echo: MiB/s = payload size (%s, one direction) / round-trip time;"
                    + " %d timed round trips after %d warm-up ones. raw sends the bytes from a reused direct"
                    + " buffer and receives into another one: no encoding.%n",
                    BenchOptions.formatSize(options.echoBytes()), options.echoRounds(), options.echoWarmup()));
        }
        return out.toString();
    }

    /** A figure in the line's unit, at a precision that suits it. */
    static String number(Line line, double v) {
        switch (line) {
            case PIPELINE:
                return String.format(Locale.ROOT, "%,.0f", v);
            case IMAGE:
                return String.format(Locale.ROOT, "%.0f", v);
            case ECHO:
                return String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
            default:
                return String.format(Locale.ROOT, "%.1f", v);
        }
    }

    private static String ratio(OptionalDouble r) {
        return r.isPresent() ? String.format(Locale.ROOT, "%.2f", r.getAsDouble()) : "-";
    }

    private static String heap(long bytes) {
        return bytes <= 0 ? "?" : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row[c]);
                if (c < columns - 1) {
                    line.append(" ".repeat(width[c] - row[c].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}

package org.pyacq.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of one benchmark run, with what is needed to read them: the options, the JVMs and
 * how each transport pipelines. Renders as a text table ({@link #toTable()}) or JSON ({@link #toJson()}).
 *
 * @param clientMaxHeapBytes {@code Runtime.maxMemory()} of the client (this) JVM
 * @param serverMaxHeapBytes the same for the server JVM
 * @param pipelineNotes how each transport runs the pipelined line
 */
public record BenchReport(BenchOptions options, String javaVersion, int cpus, long clientMaxHeapBytes,
        long serverMaxHeapBytes, Map<Transport, String> pipelineNotes, List<Measurement> measurements) {

    public BenchReport {
        Objects.requireNonNull(options, "options");
        pipelineNotes = Map.copyOf(pipelineNotes);
        measurements = List.copyOf(measurements);
    }

    /** The measurement of {@code line} over {@code transport}, if that pair was run. */
    public Optional<Measurement> get(Line line, Transport transport) {
        return measurements.stream().filter(m -> m.line() == line && m.transport() == transport).findFirst();
    }

    /** ours/other on the medians, if both were run; see {@link Line#lowerIsBetter()} for its direction. */
    public OptionalDouble oursOver(Line line, Transport other) {
        Optional<Measurement> ours = get(line, Transport.OURS);
        Optional<Measurement> theirs = get(line, other);
        if (other == Transport.OURS || ours.isEmpty() || theirs.isEmpty() || theirs.get().median() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ours.get().median() / theirs.get().median());
    }

    /** A fixed-width table with one row per line and the ratios ours/raw and ours/RMI. */
    public String toTable() {
        return ReportTable.render(this);
    }

    /** The same content as JSON. */
    public String toJson() {
        return ReportJson.render(this);
    }
}

package org.pyacq.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of one line over one transport: the median of its samples and their spread
 * (10th and 90th percentiles, nearest rank), in the line's unit.
 *
 * @param samples how many samples the figures come from
 */
public record Measurement(Line line, Transport transport, double median, double p10, double p90, int samples) {

    public Measurement {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(transport, "transport");
        if (samples < 1) {
            throw new IllegalArgumentException("a measurement needs at least one sample, got " + samples);
        }
    }

    /** Summarizes {@code values} (in the line's unit); the array is sorted in place. */
    static Measurement of(Line line, Transport transport, double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples for " + line.key() + " over " + transport.key());
        }
        Arrays.sort(values);
        return new Measurement(line, transport, percentile(values, 50), percentile(values, 10),
                percentile(values, 90), values.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

package org.pyacq.bench;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/** Runs one line over one transport: warm-up first (untimed), then the timed samples. */
final class LineRunner {
    private static final double MIB = 1 << 20;

    private final BenchOptions options;
    private final PrintStream progress;

    LineRunner(BenchOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    Measurement run(Line line, TransportClient client) {
        // start each line from a clean client heap (the echo line leaves large garbage behind)
        System.gc();
        Measurement m;
        switch (line) {
            case PING:
                m = latency(line, client, i -> client.ping());
                break;
            case CALL:
                m = latency(line, client, i -> client.add(i & 0xFFFF, 1));
                break;
            case PIPELINE:
                m = pipeline(client);
                break;
            case IMAGE:
                m = images(client);
                break;
            default:
                m = echo(client);
                break;
        }
        progress.printf("  %-8s %-5s median %s %s (p10 %s, p90 %s, %d samples)%n", line.key(), client.transport().key(),
                ReportTable.number(line, m.median()), line.unit(), ReportTable.number(line, m.p10()),
                ReportTable.number(line, m.p90()), m.samples());
        return m;
    }

    private Measurement latency(Line line, TransportClient client, IntConsumer roundTrip) {
        for (int i = 0; i < options.latencyWarmup(); i++) {
            roundTrip.accept(i);
        }
        double[] micros = new double[options.latencySamples()];
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            roundTrip.accept(i);
            micros[i] = (System.nanoTime() - t0) / 1e3;
        }
        return Measurement.of(line, client.transport(), micros);
    }

    /** Round trips per second of the image echo, one sample per round trip. */
    private Measurement images(TransportClient client) {
        int warmup = Math.max(20, options.latencyWarmup() / 20);
        for (int i = 0; i < warmup; i++) {
            client.echoImage();
        }
        double[] rates = new double[Math.max(50, options.latencySamples() / 20)];
        for (int i = 0; i < rates.length; i++) {
            long t0 = System.nanoTime();
            client.echoImage();
            rates[i] = 1e9 / (System.nanoTime() - t0);
        }
        return Measurement.of(Line.IMAGE, client.transport(), rates);
    }

    private Measurement pipeline(TransportClient client) {
        long nanos = options.pipelineDuration().toNanos();
        for (int i = 0; i < options.pipelineWarmupRounds(); i++) {
            client.pipeline(nanos);
        }
        double[] rates = new double[options.pipelineRounds()];
        for (int i = 0; i < rates.length; i++) {
            long t0 = System.nanoTime();
            long calls = client.pipeline(nanos);
            rates[i] = calls / ((System.nanoTime() - t0) / 1e9);
        }
        return Measurement.of(Line.PIPELINE, client.transport(), rates);
    }

    private Measurement echo(TransportClient client) {
        for (int i = 0; i < options.echoWarmup(); i++) {
            client.echo();
        }
        double mib = options.echoBytes() / MIB;
        double[] rates = new double[options.echoRounds()];
        for (int i = 0; i < rates.length; i++) {
            long t0 = System.nanoTime();
            client.echo();
            rates[i] = mib / ((System.nanoTime() - t0) / 1e9);
        }
        return Measurement.of(Line.ECHO, client.transport(), rates);
    }
}

package org.pyacq.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;

/** Renders a {@link BenchReport} as JSON: environment, options, and per line the figures and ratios. */
final class ReportJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportJson() {
    }

    static String render(BenchReport report) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("java", report.javaVersion());
            g.writeNumberField("cpus", report.cpus());
            g.writeNumberField("clientMaxHeapBytes", report.clientMaxHeapBytes());
            g.writeNumberField("serverMaxHeapBytes", report.serverMaxHeapBytes());
            writeOptions(g, report.options());
            g.writeArrayFieldStart("lines");
            for (Line line : report.options().lines()) {
                writeLine(g, report, line);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }

    private static void writeOptions(JsonGenerator g, BenchOptions o) throws IOException {
        g.writeObjectFieldStart("options");
        g.writeNumberField("latencyWarmup", o.latencyWarmup());
        g.writeNumberField("latencySamples", o.latencySamples());
        g.writeNumberField("pipelineWindow", o.pipelineWindow());
        g.writeNumberField("pipelineMillis", o.pipelineDuration().toMillis());
        g.writeNumberField("pipelineWarmupRounds", o.pipelineWarmupRounds());
        g.writeNumberField("pipelineRounds", o.pipelineRounds());
        g.writeNumberField("rmiThreads", o.rmiThreads());
        g.writeNumberField("echoBytes", o.echoBytes());
        g.writeNumberField("echoWarmup", o.echoWarmup());
        g.writeNumberField("echoRounds", o.echoRounds());
        g.writeEndObject();
    }

    private static void writeLine(JsonGenerator g, BenchReport report, Line line) throws IOException {
        g.writeStartObject();
        g.writeStringField("line", line.key());
        g.writeStringField("title", line.title(report.options()));
        g.writeStringField("unit", line.unit());
        g.writeStringField("better", line.lowerIsBetter() ? "lower" : "higher");
        g.writeObjectFieldStart("results");
        for (Transport t : report.options().transports()) {
            var m = report.get(line, t);
            if (m.isPresent()) {
                g.writeObjectFieldStart(t.key());
                g.writeNumberField("median", m.get().median());
                g.writeNumberField("p10", m.get().p10());
                g.writeNumberField("p90", m.get().p90());
                g.writeNumberField("samples", m.get().samples());
                if (line == Line.PIPELINE && report.pipelineNotes().containsKey(t)) {
                    g.writeStringField("how", report.pipelineNotes().get(t));
                }
                g.writeEndObject();
            }
        }
        g.writeEndObject();
        g.writeObjectFieldStart("ratios");
        OptionalDouble raw = report.oursOver(line, Transport.RAW);
        OptionalDouble rmi = report.oursOver(line, Transport.RMI);
        if (raw.isPresent()) {
            g.writeNumberField("oursOverRaw", raw.getAsDouble());
            g.writeNumberField("rawTarget", line.rawTarget());
            g.writeBooleanField("meetsRawTarget", line.meetsRawTarget(raw.getAsDouble()));
        }
        if (rmi.isPresent()) {
            g.writeNumberField("oursOverRmi", rmi.getAsDouble());
            g.writeBooleanField("beatsRmi", line.beats(rmi.getAsDouble()));
            g.writeNumberField("rmiTarget", line.rmiTarget());
            g.writeBooleanField("meetsRmiTarget", line.meetsRmiTarget(rmi.getAsDouble()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}

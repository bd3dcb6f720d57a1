package org.pyacq.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server JVM tells the harness, as one line of JSON on its stdout: where each of its
 * three servers listens, and facts about the JVM for the report.
 *
 * @param rpc our RPC server with its default security (CURVE, and a same-host endpoint), e.g. {@code tcp://127.0.0.1:40001}
 * @param rpcPlain our RPC server on plain sockets, ZeroMQ only
 * @param raw the raw ROUTER echo loop, e.g. {@code tcp://127.0.0.1:40002}
 * @param rmi the RMI registry as {@code host:port}
 * @param maxHeapBytes the server JVM's {@code Runtime.maxMemory()}
 */
record ServerAddresses(String rpc, String rpcPlain, String raw, String rmi, long pid, long maxHeapBytes) {
    private static final JsonFactory JSON = new JsonFactory();

    ServerAddresses {
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(rpcPlain, "rpcPlain");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(rmi, "rmi");
    }

    String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("rpc", rpc);
            g.writeStringField("rpcPlain", rpcPlain);
            g.writeStringField("raw", raw);
            g.writeStringField("rmi", rmi);
            g.writeNumberField("pid", pid);
            g.writeNumberField("maxHeapBytes", maxHeapBytes);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The addresses in {@code line}, or empty if it is not such a line (e.g. a log line). */
    static Optional<ServerAddresses> parse(String line) {
        if (!line.startsWith("{")) {
            return Optional.empty();
        }
        String rpc = null;
        String rpcPlain = null;
        String raw = null;
        String rmi = null;
        long pid = -1;
        long heap = -1;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                p.nextToken();
                switch (name) {
                    case "rpc" -> rpc = p.getValueAsString();
                    case "rpcPlain" -> rpcPlain = p.getValueAsString();
                    case "raw" -> raw = p.getValueAsString();
                    case "rmi" -> rmi = p.getValueAsString();
                    case "pid" -> pid = p.getValueAsLong();
                    case "maxHeapBytes" -> heap = p.getValueAsLong();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (rpc == null || rpcPlain == null || raw == null || rmi == null) {
            return Optional.empty();
        }
        return Optional.of(new ServerAddresses(rpc, rpcPlain, raw, rmi, pid, heap));
    }
}

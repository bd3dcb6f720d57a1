package org.pyacq.rpc;

import java.util.List;

/**
 * The remote code threw. Carries the remote exception's type name and the lines of its stack
 * trace as the server sent them; {@link #getMessage()} shows both.
 */
public class RemoteCallException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String remoteType;
    private final List<String> remoteLines;

    public RemoteCallException(String address, String remoteType, List<String> remoteLines) {
        super(format(address, remoteType, remoteLines));
        this.address = address;
        this.remoteType = remoteType;
        this.remoteLines = List.copyOf(remoteLines);
    }

    /** The server that sent the error. */
    public String address() {
        return address;
    }

    /** The remote exception's short type name, e.g. {@code IllegalArgumentException} or {@code TypeError}. */
    public String remoteType() {
        return remoteType;
    }

    /** The remote trace as sent (header line first). */
    public List<String> remoteLines() {
        return remoteLines;
    }

    /** One line: the remote type and message, e.g. {@code ArithmeticException: / by zero}. */
    public String summary() {
        return summarize(remoteType, remoteLines);
    }

    /** The full remote trace as one text. */
    public String remoteTrace() {
        return String.join("", remoteLines).stripTrailing();
    }

    static String summarize(String type, List<String> lines) {
        // Java servers put "pkg.Type: message" right after the header; Python puts "Type: message" last.
        String qualified = "." + type + ":";
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(type + ":") || line.equals(type) || line.contains(qualified)
                    && !line.startsWith("at ") && !line.startsWith("File ")) {
                int colon = line.indexOf(qualified);
                return colon >= 0 ? line.substring(colon + 1) : line;
            }
        }
        return type;
    }

    private static String format(String address, String type, List<String> lines) {
        StringBuilder sb = new StringBuilder(summarize(type, lines)).append("\n  (raised in ").append(address)
                .append("; remote trace follows)\n");
        String trace = String.join("", lines).stripTrailing();
        for (String line : trace.split("\n", -1)) {
            sb.append("  | ").append(line).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}

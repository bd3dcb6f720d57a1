package org.pyacq.cli;

import java.util.List;
import org.pyacq.rpc.RemoteCallException;

/** The message of a remote exception, all its lines, without the type name and the stack frames. */
final class RemoteErrorText {
    private RemoteErrorText() {
    }

    /**
     * The remote exception's message as it was thrown, e.g. the lines of a child's own start-up
     * error inside a daemon's {@code SpawnException}. Falls back to {@link RemoteCallException#summary()}.
     */
    static String message(RemoteCallException e) {
        String type = e.remoteType();
        List<String> lines = e.remoteLines();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            int start = messageStart(line, type);
            if (start < 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder(line.substring(start).strip());
            for (int j = i + 1; j < lines.size(); j++) {
                String next = lines.get(j).stripTrailing();
                // a Java trace's frames start with a tab at column 0; message lines never do
                if (next.startsWith("\tat ") || next.startsWith("Caused by: ") || next.startsWith("\t...")) {
                    break;
                }
                sb.append('\n').append(next);
            }
            return sb.toString();
        }
        return e.summary();
    }

    /** Where the message starts in a {@code pkg.Type: message} line, or -1. */
    private static int messageStart(String line, String type) {
        if (line.startsWith(type + ": ")) {
            return type.length() + 2;
        }
        int dotted = line.indexOf("." + type + ": ");
        if (dotted >= 0 && !line.startsWith("\tat ") && line.indexOf(' ') > dotted) {
            return dotted + type.length() + 3;
        }
        return -1;
    }
}

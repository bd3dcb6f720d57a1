package org.pyacq.spawn;

import java.util.List;
import org.pyacq.rpc.ServerDisconnectedException;

/**
 * The server's process died. Pending and later calls to it fail with this at once; it names the
 * process, its exit code and the last lines it wrote to stderr.
 */
public class ProcessDiedException extends ServerDisconnectedException {
    private static final long serialVersionUID = 1L;
    private final String processName;
    private final long pid;
    private final int exitCode;
    private final List<String> stderrTail;

    public ProcessDiedException(String address, String processName, long pid, int exitCode, List<String> stderrTail) {
        super(address, describe(processName, pid, exitCode, stderrTail));
        this.processName = processName;
        this.pid = pid;
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
    }

    private static String describe(String name, long pid, int exitCode, List<String> tail) {
        StringBuilder sb = new StringBuilder("process '").append(name).append("' (pid ").append(pid)
                .append(") died with exit code ").append(exitCode).append(ExitCodes.meaning(exitCode));
        if (tail.isEmpty()) {
            sb.append("; it wrote nothing to stderr");
        } else {
            sb.append("; last lines of its stderr:");
            for (String line : tail) {
                sb.append("\n    ").append(line);
            }
        }
        return sb.toString();
    }

    public String processName() {
        return processName;
    }

    public long pid() {
        return pid;
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> stderrTail() {
        return stderrTail;
    }
}

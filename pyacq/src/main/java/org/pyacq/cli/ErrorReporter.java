package org.pyacq.cli;

import java.io.PrintWriter;
import org.pyacq.daemon.DaemonException;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and an exit code: the remote summary for an
 * exception raised by remote code (its whole trace with {@code --trace}), {@code pyacq: message}
 * otherwise. The stack trace only with {@code -v}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof RemoteCallException remote) {
            boolean trace = cl.getCommand() instanceof RemoteTraceOption t && t.showRemoteTrace();
            err.println(trace ? remote.remoteTrace() : remote.summary());
        } else {
            err.println(cl.getCommandSpec().root().name() + ": " + message(ex));
        }
        if (Verbosity.isVerbose(cl)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cl.getExitCodeExceptionMapper() != null ? cl.getExitCodeExceptionMapper().getExitCode(ex)
                : new ExitCodeMapper().getExitCode(ex);
    }

    /** Our own exceptions say what happened; anything else is named, as it is a bug or a surprise. */
    static String message(Throwable ex) {
        String m = ex.getMessage();
        if ((ex instanceof CommandException || ex instanceof RpcException || ex instanceof DaemonException
                || ex instanceof UnsupportedOperationException) && m != null && !m.isBlank()) {
            return m;
        }
        return "unexpected " + ex + " (run with -v for the stack trace)";
    }

    /** A command with a {@code --trace} option: print the remote trace instead of its summary. */
    interface RemoteTraceOption {
        boolean showRemoteTrace();
    }
}

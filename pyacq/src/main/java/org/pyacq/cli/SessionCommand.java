package org.pyacq.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RpcClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A {@code pyacq} command that talks to the daemon: opens the session (starting the daemon if
 * allowed), runs, closes it. Output goes through picocli's writers so tests can capture it.
 */
abstract class SessionCommand implements Callable<Integer> {
    @ParentCommand
    PyacqCommand root;
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        validate();
        Integer direct = runWithoutDaemon();
        if (direct != null) {
            return direct;
        }
        try (DaemonSession session = root.openSession()) {
            return run(session);
        }
    }

    /**
     * Checks what picocli's model cannot say (options that exclude a parameter, say) before the daemon is
     * reached; throws {@link picocli.CommandLine.ParameterException}, printed with the usage, exit 2.
     */
    void validate() {
    }

    /** The command's work when it needs no daemon (an explicit server address, say), else null. */
    Integer runWithoutDaemon() throws Exception {
        return null;
    }

    /** The command's work; returns the exit code. */
    abstract int run(DaemonSession session) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A client of its own for process {@code name}, with the --timeout; close it when done. */
    RpcClient openProcess(DaemonSession session, String name) {
        String address = new DaemonCalls(session).address(name);
        return RpcClient.open(address, ClientOptions.builder().timeout(root.global().timeout()).build());
    }
}

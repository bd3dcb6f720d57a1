package org.pyacq.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.daemon.DaemonLocator;
import org.pyacq.daemon.RuntimeFile;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.ServerDisconnectedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pyacq shutdown}: stops the daemon (never starts one). */
@Command(name = "shutdown", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Stop the daemon and its processes.",
        description = {
            "Asks the daemon to stop: it stops its processes gracefully (killing those that outlive the stop "
                    + "grace), removes its runtime file and exits. Waits until the runtime file is gone, at most "
                    + "--timeout.",
            "",
            "Does nothing, successfully, when no daemon runs for the runtime directory; never starts one.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq shutdown",
            "  pyacq shutdown --runtime-dir /run/pyacq-lab --timeout 60"})
final class ShutdownCommand implements Callable<Integer> {
    private static final long POLL_NANOS = 50_000_000;

    @ParentCommand
    private PyacqCommand root;
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Duration timeout = root.global().timeout();
        Contexts.Context remote = root.global().remoteDaemon();
        if (remote != null) {
            return shutdownRemote(remote, timeout);
        }
        DaemonLocator locator = new DaemonLocator(root.global().runtimeDir(), timeout);
        Path dir = locator.runtimeDir();
        Optional<RuntimeFile> found = locator.find();
        if (found.isEmpty()) {
            spec.commandLine().getErr().println(spec.root().name() + ": no daemon is running for " + dir
                    + "; nothing to stop");
            return CliExitCodes.OK;
        }
        RuntimeFile daemon = found.get();
        try (RpcClient client = RpcClient.open(daemon.address(), ClientOptions.builder().timeout(timeout).build())) {
            ((ObjectProxy) client.get("daemon")).invoke("shutdown");
        } catch (ServerDisconnectedException e) {
            // it was already going away
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stillThere(dir, daemon.pid())) {
            if (System.nanoTime() > deadline) {
                throw new CommandException(CliExitCodes.FAILURE, "asked the daemon (pid " + daemon.pid()
                        + ") to stop, but it is still running after " + timeout.toSeconds() + " s; its processes "
                        + "may be slow to stop: wait and try again, or kill pid " + daemon.pid());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        spec.commandLine().getOut().println("stopped the daemon (pid " + daemon.pid() + ") of " + dir);
        return CliExitCodes.OK;
    }

    /** Asks a daemon reached by address to stop, then waits until it no longer answers. */
    private int shutdownRemote(Contexts.Context remote, Duration timeout) {
        try (DaemonSession session = DaemonSession.connect(remote.address(), remote.serverKey(), timeout)) {
            try {
                session.control().invoke("shutdown");
            } catch (ServerDisconnectedException e) {
                // it was already going away
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (session.daemonAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new CommandException(CliExitCodes.FAILURE, "asked the daemon at " + remote.address()
                            + " to stop, but it still answers after " + timeout.toSeconds() + " s; its processes may "
                            + "be slow to stop: wait and try again");
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            spec.commandLine().getOut().println("stopped the daemon at " + remote.address());
        }
        return CliExitCodes.OK;
    }

    /** True while the runtime file of that same daemon is there. */
    private static boolean stillThere(Path dir, long pid) throws IOException {
        Optional<RuntimeFile> now = RuntimeFile.read(dir);
        return now.isPresent() && now.get().pid() == pid;
    }
}

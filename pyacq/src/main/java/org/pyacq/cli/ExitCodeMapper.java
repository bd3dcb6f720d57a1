package org.pyacq.cli;

import org.pyacq.daemon.DaemonException;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcTimeoutException;
import org.pyacq.rpc.ServerDisconnectedException;
import org.pyacq.spawn.ProcessDiedException;
import org.pyacq.spawn.SpawnException;
import org.pyacq.transport.TransportException;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/** Which exit code (see {@link CliExitCodes}) an exception stands for. */
final class ExitCodeMapper implements IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof CommandException c) {
            return c.exitCode();
        }
        if (t instanceof ParameterException) {
            return CliExitCodes.USAGE;
        }
        if (t instanceof RemoteCallException) {
            return CliExitCodes.REMOTE_ERROR;
        }
        if (t instanceof SpawnException) {
            return CliExitCodes.FAILURE;
        }
        if (t instanceof DaemonException || t instanceof RpcTimeoutException || t instanceof ServerDisconnectedException
                || t instanceof ProcessDiedException || t instanceof TransportException) {
            return CliExitCodes.UNREACHABLE;
        }
        return CliExitCodes.FAILURE;
    }
}

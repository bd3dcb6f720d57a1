package org.pyacq.cli;

import java.util.List;
import org.pyacq.daemon.DaemonLauncher;

/**
 * {@code pyacq daemon}: how clients start a daemon in the background (installed as a service for
 * {@link DaemonLauncher#installed()}, so the daemon layer need not name the command line).
 */
public final class PyacqDaemonLauncher implements DaemonLauncher {
    /** For the service loader. */
    public PyacqDaemonLauncher() {
    }

    @Override
    public String mainClass() {
        return PyacqCommand.class.getName();
    }

    @Override
    public List<String> arguments() {
        return List.of("daemon");
    }
}

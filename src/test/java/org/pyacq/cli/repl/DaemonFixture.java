package org.pyacq.cli.repl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.daemon.Daemon;
import org.pyacq.daemon.DaemonConfig;

/** A real daemon in this JVM, with a session connected to it; close it to stop both. */
final class DaemonFixture implements AutoCloseable {
    final Daemon daemon;
    final DaemonSession session;

    DaemonFixture(Path runtimeDir) {
        daemon = Daemon.start(DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString())));
        DaemonSession s;
        try {
            s = DaemonSession.open(runtimeDir, false, Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        session = s;
    }

    @Override
    public void close() {
        try {
            session.close();
        } finally {
            daemon.close();
        }
    }
}

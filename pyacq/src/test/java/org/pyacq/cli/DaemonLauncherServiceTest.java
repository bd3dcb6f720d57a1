package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.DaemonException;
import org.pyacq.daemon.DaemonLauncher;
import org.pyacq.daemon.DaemonLocator;

/** The daemon layer starts 'pyacq daemon' without naming the command line: it finds the launcher as a service. */
class DaemonLauncherServiceTest {
    @Test
    void theInstalledLauncherRunsPyacqDaemon() {
        DaemonLauncher launcher = DaemonLauncher.installed().orElseThrow();
        assertEquals(PyacqCommand.class.getName(), launcher.mainClass());
        assertEquals(List.of("daemon"), launcher.arguments());
    }

    @Test
    void aLocatorWithoutALauncherSaysItCannotStartADaemon(@TempDir Path runtimeDir) {
        DaemonException e = assertThrows(DaemonException.class,
                () -> new DaemonLocator(runtimeDir, Duration.ofSeconds(5), null).findOrStart(true));
        assertEquals("no daemon is running for " + runtimeDir + " and this program has no daemon launcher to start"
                + " one (no org.pyacq.daemon.DaemonLauncher service on its class path); start one with 'pyacqd'",
                e.getMessage());
    }
}

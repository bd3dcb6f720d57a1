package org.pyacq.cli;

import org.pyacq.daemon.Daemon;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: this build's version and the Java runtime. */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"${COMMAND-FULL-NAME} " + Daemon.version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}

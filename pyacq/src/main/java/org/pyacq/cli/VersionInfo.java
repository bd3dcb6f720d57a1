package org.pyacq.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: this build's version and the Java runtime. */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return lines("${COMMAND-FULL-NAME}");
    }

    /**
     * This build's version, as {@link org.pyacq.daemon.Daemon#version()} gives it (the same jar's
     * manifest), read here so that {@code --version} does not load the daemon class, whose logger
     * would start logback.
     */
    static String version() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** The lines for {@code command} (picocli fills in its variable in the name). */
    static String[] lines(String command) {
        return new String[] {command + " " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}

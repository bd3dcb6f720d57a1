package org.pyacq.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Where the application is installed, to find {@code conf/pyacqd.conf} next to it: the
 * directory named by the system property {@code pyacq.home} (launcher scripts set it), else the
 * directory of the jar (or classes directory) holding this code, or one of its two parents
 * (so {@code APP/lib/pyacq.jar} finds {@code APP/conf}).
 */
final class AppHome {
    static final String CONFIG = "conf/pyacqd.conf";

    private AppHome() {
    }

    /** The default configuration file, if there is one. */
    static Optional<Path> defaultConfig() {
        String home = System.getProperty("pyacq.home");
        if (home != null && !home.isBlank()) {
            Path file = Path.of(home).resolve(CONFIG);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        Path dir = codeLocation();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path file = dir.resolve(CONFIG);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        CodeSource source = AppHome.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path p = Path.of(source.getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}

package org.pyacq.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What configures logging in a process besides pyacq's own setup ({@link LogSetup}):
 *
 * <ul>
 * <li>{@code -Dpyacq.logConfig=FILE} (else the environment variable {@code PYACQ_LOG_CONFIG}): a
 *     logback file applied <em>on top of</em> pyacq's setup, for logger levels and extra appenders.
 *     The launchers name {@code conf/logback.xml} unless the user names another; an empty value
 *     names none.</li>
 * <li>{@code -Dlogback.configurationFile=FILE}, logback's own property: the user configures
 *     logging entirely; {@link LogSetup} then leaves the logback context alone.</li>
 * </ul>
 *
 * @param logbackConfigurationFile the value of {@code logback.configurationFile}, or null
 * @param overlay the file to apply on top (absolute), or null
 */
public record LogConfigSource(String logbackConfigurationFile, Path overlay) {
    /** The system property naming the file applied on top of pyacq's setup. */
    public static final String PROPERTY = "pyacq.logConfig";
    /** The environment variable naming that file when the property is not set. */
    public static final String ENV = "PYACQ_LOG_CONFIG";
    /** Logback's own property: when set, the user's configuration is used as it is. */
    public static final String LOGBACK_PROPERTY = "logback.configurationFile";

    public LogConfigSource {
        if (logbackConfigurationFile != null && logbackConfigurationFile.isBlank()) {
            logbackConfigurationFile = null;
        }
        overlay = overlay != null ? overlay.toAbsolutePath().normalize() : null;
    }

    /** Nothing besides pyacq's setup. */
    public static LogConfigSource none() {
        return new LogConfigSource(null, null);
    }

    /** This process's settings: its system properties, then its environment. */
    public static LogConfigSource ofThisProcess() {
        return of(System.getProperty(LOGBACK_PROPERTY), System.getProperty(PROPERTY), System.getenv(ENV));
    }

    /** The settings given by these values (each may be null); the property wins over the environment. */
    static LogConfigSource of(String logbackConfigurationFile, String property, String env) {
        String named = property != null ? property : env;
        return new LogConfigSource(logbackConfigurationFile,
                named != null && !named.isBlank() ? Path.of(named.strip()) : null);
    }

    /** True when {@code logback.configurationFile} is set: the user's logback configuration stays as it is. */
    public boolean userOwnsConfiguration() {
        return logbackConfigurationFile != null;
    }

    /** The file to apply on top of pyacq's setup, if any (never when the user owns the configuration). */
    public Optional<Path> overlayFile() {
        return userOwnsConfiguration() ? Optional.empty() : Optional.ofNullable(overlay);
    }

    /**
     * The JVM option that hands this process's overlay file on to a child JVM: none when there is
     * no file, or when the child's own JVM options or environment already choose its logging
     * ({@code -Dpyacq.logConfig}, {@code -Dlogback.configurationFile}, {@code PYACQ_LOG_CONFIG}).
     * A path is no secret, so it may go on the child's command line.
     */
    public List<String> jvmOptionsForChild(List<String> childJvmOptions, Map<String, String> childEnvironment) {
        if (overlay == null || childEnvironment.containsKey(ENV)) {
            return List.of();
        }
        for (String option : childJvmOptions) {
            if (option.startsWith("-D" + PROPERTY + "=") || option.startsWith("-D" + LOGBACK_PROPERTY + "=")) {
                return List.of();
            }
        }
        return List.of("-D" + PROPERTY + "=" + overlay);
    }
}

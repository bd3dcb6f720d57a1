package org.pyacq.daemon;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * How to run a daemon in the foreground in a new JVM: a main class on this JVM's class path and
 * its first arguments. {@link DaemonLocator} starts one this way when a client needs a daemon and
 * none runs; it adds {@code --runtime-dir DIR} and the process's security flags.
 *
 * <p>The daemon layer does not know its command line: the installed launcher is found as a
 * service ({@code META-INF/services/org.pyacq.daemon.DaemonLauncher}; the command line provides
 * {@code pyacq daemon}), or given to {@link DaemonLocator} directly.
 *
 * <pre>{@code
 * DaemonLauncher launcher = DaemonLauncher.of("com.example.MyDaemonMain", List.of());
 * new DaemonLocator(runtimeDir, Duration.ofSeconds(30), launcher).findOrStart(true);
 * }</pre>
 */
public interface DaemonLauncher {
    /** The main class that runs the daemon in the foreground. */
    String mainClass();

    /** Its arguments before those the locator adds. */
    List<String> arguments();

    /** A launcher for {@code mainClass} with {@code arguments}. */
    static DaemonLauncher of(String mainClass, List<String> arguments) {
        if (mainClass == null || mainClass.isBlank()) {
            throw new IllegalArgumentException("a daemon launcher needs a main class");
        }
        List<String> args = List.copyOf(arguments);
        return new DaemonLauncher() {
            @Override
            public String mainClass() {
                return mainClass;
            }

            @Override
            public List<String> arguments() {
                return args;
            }
        };
    }

    /** The launcher installed on the class path as a service, if any. */
    static Optional<DaemonLauncher> installed() {
        return ServiceLoader.load(DaemonLauncher.class, DaemonLauncher.class.getClassLoader()).findFirst();
    }
}

package org.pyacq.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;
import org.pyacq.transport.DefaultSecurity;

/**
 * What a short command will need from the JDK, made ready on a thread of its own while the main
 * thread builds the command line (about as long): this user's key, which the check of the daemon's
 * key reads; the JDK's Unix domain socket support (its first socket initialises the security
 * providers for a random number generator, about 10 ms); the application jar opened (a class look-up
 * that misses, msgpack's check for Android, opens it, 5-15 ms); the number format symbols that
 * printing a figure loads. Each step is only a head start: the main thread does the same when it gets
 * there, and waits for a step that is half done (class initialisation and the key are under locks).
 * {@code -Dpyacq.prefetch=off} turns it off.
 */
final class StartupPrefetch {
    /** The commands that talk to the daemon at once and end soon. */
    private static final Set<String> SHORT = Set.of("ping", "ps", "call", "eval", "stop", "kill", "restart", "spawn",
            "logs", "shutdown");

    private StartupPrefetch() {
    }

    /** Starts the prefetch if {@code args} run a short command; returns its thread, or null. */
    static Thread start(String[] args) {
        if ("off".equals(System.getProperty("pyacq.prefetch")) || !isShort(args)) {
            return null;
        }
        boolean keys = true;
        for (String arg : args) {
            if (arg.startsWith("--insecure") || arg.startsWith("--key-dir")) {
                keys = false;   // the user's default key is not this run's: do not read (or create) it
            }
        }
        boolean readKeys = keys;
        Thread t = new Thread(() -> run(readKeys), "pyacq-prefetch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean isShort(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return SHORT.contains(arg);
            }
        }
        return false;
    }

    private static void run(boolean keys) {
        try {
            // in the order the command needs them
            if (keys) {
                DefaultSecurity.get();
            }
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.isOpen();
            }
            Class.forName("org.msgpack.core.MessagePacker", true, StartupPrefetch.class.getClassLoader());
            DecimalFormatSymbols.getInstance(Locale.ROOT);
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            // only a head start: the command meets the same problem where it needs the thing, and reports it
        }
    }
}

package org.pyacq.spawn;

import java.io.IOException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.pyacq.log.LogSetup;
import org.pyacq.log.UncaughtExceptionLogging;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.ProcessIdentity;
import org.pyacq.rpc.RpcServer;
import org.pyacq.rpc.RpcServerBuilder;
import org.pyacq.transport.BootstrapLink;
import org.pyacq.transport.LocalBootstrap;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a spawned child: reads its configuration from stdin, starts an RPC server,
 * reports the server's address (or its startup error) to the parent over a PAIR socket, then
 * serves until closed. With a lifeline it also exits when its stdin closes, i.e. when the parent
 * is gone, however it died.
 *
 * <p>Usage (by {@link ProcessSpawner}): {@code java -cp ... org.pyacq.spawn.Bootstrap NAME}
 *
 * <p>With {@value #SPARE_ARGUMENT} in place of the name, the process is a warm spare: it first loads
 * and runs what a child needs ({@link SpareWarmup}), then waits for its configuration, which names
 * it. A spare whose stdin ends before any configuration (its parent discarded it, or died) exits
 * with code 0 and prints nothing.
 */
public final class Bootstrap {
    /** The name argument of a warm spare: not a valid process name, so no child can be mistaken for one. */
    static final String SPARE_ARGUMENT = "pyacq:spare";
    private static final long REPORT_INTERVAL_MS = 10;

    private Bootstrap() {
    }

    public static void main(String[] args) {
        String argument = args.length > 0 ? args[args.length - 1] : null;
        boolean spare = SPARE_ARGUMENT.equals(argument);
        if (spare) {
            warmUp();
        }
        BootstrapConfig config;
        try {
            config = BootstrapConfig.read(System.in);
        } catch (BootstrapConfig.MissingConfigException e) {
            if (spare) {
                System.exit(0);   // discarded, or the parent is gone: nothing went wrong
            }
            System.err.println("pyacq bootstrap: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IOException e) {
            System.err.println("pyacq bootstrap: " + e.getMessage());
            System.exit(2);
            return;
        }
        String name = config.name() != null ? config.name() : spare ? null : argument;
        if (spare && name == null) {
            System.err.println("pyacq bootstrap: the configuration of a warm spare must have a 'name'");
            System.exit(2);
        }
        if (config.security() != null) {
            DefaultSecurity.set(config.security());   // before logging starts: the log sender uses it
        }
        LogSetup.configureChild(config.logAddress(), config.logLevel(), name);
        UncaughtExceptionLogging.install();
        Logger log = LoggerFactory.getLogger(Bootstrap.class);
        if (config.lifeline()) {
            Lifeline.watch();
        }
        RpcServer server = null;
        Map<String, Object> status = new LinkedHashMap<>();
        try {
            RpcServerBuilder builder = RpcServer.builder().address(config.address()).name(name != null ? name : "child");
            if (config.accessPolicy() != null) {
                builder.accessPolicy(config.accessPolicy());
                log.info("remote callers of {} are limited by {}", ProcessIdentity.processName(), config.accessPolicy());
            }
            server = builder.build().bind();
            runStartupClass(config.startupClass(), server);
            status.put("address", server.address());
            log.info("process {} serving at {} (log server: {}, level {})", ProcessIdentity.processName(),
                    server.address(), config.logAddress(), config.logLevel());
        } catch (Throwable t) {
            log.error("process {} failed to start", ProcessIdentity.processName(), t);
            status.put("error", traceLines(t));
            if (server != null) {
                server.close();
                server = null;
            }
        }
        if (!report(config, status, log)) {
            log.error("the parent at {} did not acknowledge our status within {} ms; exiting",
                    config.bootstrapAddress(), config.reportTimeoutMillis());
            System.exit(3);
        }
        if (server == null) {
            System.exit(1);
        }
        server.run();
        log.info("process {} closed its server; exiting", ProcessIdentity.processName());
        System.exit(0);
    }

    /** Runs the spare's warm-up; a failure there is left for the real start-up to meet and report. */
    private static void warmUp() {
        try {
            SpareWarmup.run();
        } catch (RuntimeException | LinkageError e) {
            // nothing to print: a spare is silent until it is a child
        }
    }

    /**
     * Reports the status to the parent: over its same-host socket when it gave one, else (or if that
     * fails) over the PAIR link, sending every 10 ms until the parent answers (it may miss early messages).
     */
    private static boolean report(BootstrapConfig config, Map<String, Object> status, Logger log) {
        byte[] json = Serializers.JSON.encodeToBytes(status, ValueMapper.PLAIN);
        // timed on a monotonic clock: a step of the wall clock (seen here: NTP or a resumed VM) must not cut the wait
        long start = System.nanoTime();
        Duration timeout = Duration.ofMillis(config.reportTimeoutMillis());
        if (config.localBootstrap() != null) {
            try {
                LocalBootstrap.report(Path.of(config.localBootstrap()), json, timeout);
                return true;
            } catch (IOException | RuntimeException e) {
                log.debug("could not report over the local bootstrap socket {} ({}); reporting over {}",
                        config.localBootstrap(), e.getMessage(), config.bootstrapAddress());
            }
        }
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        return !left.isNegative() && BootstrapLink.report(config.bootstrapAddress(), DefaultSecurity.get(), json,
                REPORT_INTERVAL_MS, left) != null;
    }

    /** Initializes the startup class and runs its {@code public static void onStart(RpcServer)} if it has one. */
    private static void runStartupClass(String className, RpcServer server) throws Exception {
        if (className == null) {
            return;
        }
        Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        for (Method m : c.getMethods()) {
            if (m.getName().equals("onStart") && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                    && m.getParameterTypes()[0] == RpcServer.class) {
                try {
                    m.invoke(null, server);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                }
                return;
            }
        }
    }

    static List<String> traceLines(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        List<String> lines = new ArrayList<>();
        for (String line : sw.toString().split("\n")) {
            lines.add(line + "\n");
        }
        return lines;
    }

    /**
     * Exits the process when its stdin reaches end of file: the parent is gone. It reads through an
     * interruptible channel, so that at exit (a shutdown hook) it can be ended: a JVM that exits while
     * a thread is blocked in a read waits 300 ms more for it (HotSpot's VM_Exit), which every stop of
     * a child paid.
     */
    static final class Lifeline implements Runnable {
        private final ReadableByteChannel in;
        private volatile boolean exiting;

        private Lifeline(ReadableByteChannel in) {
            this.in = in;
        }

        static void watch() {
            Lifeline lifeline = new Lifeline(new FileInputStream(FileDescriptor.in).getChannel());
            Thread t = new Thread(lifeline, "pyacq-lifeline");
            t.setDaemon(true);
            t.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                lifeline.exiting = true;
                t.interrupt();   // closes the channel and wakes the read
            }, "pyacq-lifeline-end"));
        }

        @Override
        public void run() {
            ByteBuffer sink = ByteBuffer.allocate(256);
            try {
                while (in.read(sink) != -1) {
                    sink.clear();   // the parent writes nothing more; anything that comes is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same: the parent is gone; an interrupt, that we are exiting
            }
            if (exiting) {
                return;
            }
            LoggerFactory.getLogger(Bootstrap.class).warn("the parent process is gone (stdin closed); exiting");
            Thread exit = new Thread(() -> System.exit(0), "pyacq-lifeline-exit");
            exit.start();
            // the exit's own shutdown hook interrupts this thread: keep waiting for the exit all the same,
            // and halt only if it has not ended the JVM within 5 s
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (long left; exit.isAlive() && (left = deadline - System.nanoTime()) > 0;) {
                try {
                    exit.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    // see above
                }
            }
            Runtime.getRuntime().halt(1);
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

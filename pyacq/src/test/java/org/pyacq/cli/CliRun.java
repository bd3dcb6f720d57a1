package org.pyacq.cli;


import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.pyacq.testing.Await;

/** Runs {@code pyacq} command lines against one runtime directory, capturing what they print. */
final class CliRun {
    /** One finished command line: its exit code and what it printed. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    /** Output captured while a command runs (readable from other threads). */
    static final class Capture {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final PrintWriter outWriter = new PrintWriter(out, true);
        final PrintWriter errWriter = new PrintWriter(err, true);
    }

    private final Path runtimeDir;

    CliRun(Path runtimeDir) {
        this.runtimeDir = runtimeDir;
    }

    /** {@code pyacq ARGS --runtime-dir DIR --no-autostart}. */
    Result run(String... args) {
        return exec(withDir(true, args));
    }

    /** {@code pyacq ARGS --runtime-dir DIR}, starting a daemon if none runs. */
    Result runAutostart(String... args) {
        return exec(withDir(false, args));
    }

    String[] withDir(boolean noAutostart, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--runtime-dir");
        all.add(runtimeDir.toString());
        if (noAutostart) {
            all.add("--no-autostart");
        }
        return all.toArray(String[]::new);
    }

    /** Runs a command that must succeed (exit 0); returns its result. */
    Result ok(String... args) {
        Result r = run(args);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.code(), r::toString);
        return r;
    }

    /**
     * A daemon in this JVM for {@code runtimeDir}, with a generous stop grace: a loaded machine must
     * not turn a graceful stop into a kill. Close it after the test.
     */
    static org.pyacq.daemon.Daemon startDaemon(Path runtimeDir) {
        return org.pyacq.daemon.Daemon.start(org.pyacq.daemon.DaemonConfig.load(null, java.util.Map.of(
                "runtime_dir", runtimeDir.toString(), "stop_grace", "30")));
    }

    static Result exec(String... args) {
        Capture c = new Capture();
        int code = PyacqCommand.execute(args, c.outWriter, c.errWriter);
        return new Result(code, c.out.toString(), c.err.toString());
    }

    /** Parses JSON text (throws if it is not JSON). */
    static Object json(String text) {
        return Serializers.JSON.decode(ByteBuffer.wrap(text.strip().getBytes(StandardCharsets.UTF_8)),
                ValueMapper.PLAIN);
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    /** A file's text, or what went wrong reading it (for failure messages). */
    static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

package org.pyacq.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need something a fresh machine may lack (a checker such as shellcheck, the Python
 * peer's libraries, root). Without it the test is skipped, with a reason that names the Debian
 * package to install; on CI (environment {@code CI=true}, which {@code .ci/run} sets after
 * installing them all) the test fails instead, so nothing is silently left out there.
 *
 * <pre>{@code
 * Requirements.assumeTool("shellcheck", "shellcheck");
 * Requirements.assumePython("python3-zmq python3-msgpack python3-numpy", "zmq", "msgpack", "numpy");
 * }</pre>
 *
 * <p>Call them from each test or {@code @BeforeEach}, not {@code @BeforeAll}: a class skipped in
 * {@code @BeforeAll} is not counted as skipped in Maven's report, so its reason would not show.
 */
public final class Requirements {
    /** The Python that Debian's python3-* packages install for: the one CI sets up. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Python checks already run in this JVM, so that each test may check (and be counted as skipped) cheaply. */
    private static final Map<String, Boolean> PYTHON_CHECKS = new ConcurrentHashMap<>();

    private Requirements() {
    }

    /** True when running on CI, where missing requirements fail rather than skip. */
    public static boolean onCi() {
        return "true".equals(String.valueOf(System.getenv("CI")).toLowerCase(Locale.ROOT));
    }

    /** Skips (fails on CI) unless {@code command} is an executable on the PATH. */
    public static void assumeTool(String command, String debianPackage) {
        require(findOnPath(command) != null, "needs " + command + " on the PATH", debianPackage);
    }

    /**
     * Skips (fails on CI) unless {@link #PYTHON} exists and imports every module; {@code
     * debianPackages} names the packages that provide them.
     */
    public static void assumePython(String debianPackages, String... modules) {
        assumePythonCheck("import " + String.join(", ", modules), "able to 'import " + String.join(", ", modules)
                + "'", debianPackages);
    }

    /**
     * Skips (fails on CI) unless {@link #PYTHON} exists and runs {@code code} without error; {@code
     * what} says what the code checks, {@code debianPackages} what provides it.
     */
    public static void assumePythonCheck(String code, String what, String debianPackages) {
        require(Files.isExecutable(PYTHON), "needs " + PYTHON, "python3");
        require(PYTHON_CHECKS.computeIfAbsent(code, Requirements::pythonRuns), "needs " + PYTHON + " " + what,
                debianPackages);
    }

    private static boolean pythonRuns(String code) {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            p.destroyForcibly();
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking " + PYTHON, e);
        }
        return ok;
    }

    /** Skips (fails on CI) unless {@code met}; {@code what} says what is missing. */
    public static void require(boolean met, String what, String debianPackages) {
        if (met) {
            return;
        }
        String reason = what + " (Debian: apt-get install " + debianPackages + "; .ci/run installs it)";
        if (onCi()) {
            fail("CI=true but a requirement is missing: " + reason);
        }
        Assumptions.assumeTrue(false, "skipped: " + reason);
    }

    /** Skips (fails on CI) unless this process runs as root; {@code why} says what needs it. */
    public static void assumeRoot(String why) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            return;
        }
        String reason = why + " needs root (.ci/run runs as root)";
        if (onCi()) {
            fail("CI=true but not running as root: " + reason);
        }
        Assumptions.assumeTrue(false, "skipped: " + reason);
    }

    private static Path findOnPath(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isExecutable(p) ? p : null;
        }
        for (String dir : String.valueOf(System.getenv("PATH")).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, command);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}

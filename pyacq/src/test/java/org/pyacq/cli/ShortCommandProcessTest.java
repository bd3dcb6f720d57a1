package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short command as its own process: its logging starts without logback's automatic configuration
 * (CommandLogProvider), and what the user sees on stderr is the command's message only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShortCommandProcessTest {
    @TempDir
    Path dir;

    /**
     * A short command's loggers are made on several threads at once (logging's set-up, the prefetch of the
     * user's key, the command): a set-up that met slf4j's stand-in factory while another thread was
     * initialising it failed with a stack trace on stderr (one run in five on Java 25). Several runs here.
     */
    @Test
    void aFailingShortCommandPrintsItsMessageAndNothingElse() throws Exception {
        for (int run = 0; run < 6; run++) {
            failingShortCommand();
        }
    }

    private void failingShortCommand() throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName(),
                "--no-autostart", "--runtime-dir", runtime.toString(), "ping")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pyacq ping did not end within 60 s");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(CliExitCodes.UNREACHABLE, p.exitValue(), () -> "stderr: " + lines);
        assertEquals(1, lines.size(), () -> "one line on stderr, no SLF4J or logback notes: " + lines);
        assertTrue(lines.get(0).startsWith("pyacq: no daemon is running for " + runtime), lines::toString);
    }

    /** {@code --version} alone is answered without picocli; what it prints is what picocli prints. */
    @Test
    void versionAloneIsAnsweredAsPicocliWould() throws Exception {
        java.io.StringWriter viaPicocli = new java.io.StringWriter();
        int code = PyacqCommand.execute(new String[] {"--version"}, new java.io.PrintWriter(viaPicocli, true),
                new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(CliExitCodes.OK, code);
        assertEquals(org.pyacq.daemon.Daemon.version(), VersionInfo.version());
        for (String flag : List.of("--version", "-V")) {
            Path out = dir.resolve("version" + flag + ".txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName(), flag)
                    .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pyacq " + flag + " did not end within 60 s");
            assertEquals(CliExitCodes.OK, p.exitValue());
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(viaPicocli.toString().replace("\r\n", "\n"), printed.replace("\r\n", "\n"));
            assertTrue(printed.startsWith("pyacq "), printed);
            assertEquals(List.of(), Files.readAllLines(dir.resolve("err.txt")), "nothing on stderr");
        }
    }

    /** Every help text the build rendered is what the command line prints now, and none is missing. */
    @Test
    void theBuiltHelpTextsAreWhatTheCommandLinePrints() {
        java.util.Map<List<String>, String> built = HelpTexts.built();
        assertEquals(new java.util.HashSet<>(HelpTexts.helpCommandLines()), built.keySet(),
                "the build's help command lines (rebuild pyacq after changing the commands)");
        assertTrue(built.containsKey(List.of("--help")) && built.containsKey(List.of("call", "-h"))
                && built.containsKey(List.of("help", "spawn")), built.keySet()::toString);
        built.forEach((line, text) -> assertEquals(HelpTexts.render(line), text, "pyacq " + String.join(" ", line)));
    }

    /**
     * {@code --help} and {@code help COMMAND} print the build's text, from the real entry point, with nothing
     * on stderr; with {@code CLICOLOR_FORCE} picocli renders it (in colour) as before.
     */
    @Test
    void helpIsPrintedAsBuiltAndPicocliStillRendersItWhereItWouldDiffer() throws Exception {
        java.util.Map<List<String>, String> built = HelpTexts.built();
        for (List<String> line : List.of(List.of("--help"), List.of("help", "call"), List.of("context", "--help"))) {
            String printed = runEntryPoint(line, java.util.Map.of());
            assertEquals(built.get(line), printed, "pyacq " + String.join(" ", line));
        }
        String coloured = runEntryPoint(List.of("--help"), java.util.Map.of("CLICOLOR_FORCE", "1"));
        assertTrue(coloured.contains("\u001b["), "no ANSI colours with CLICOLOR_FORCE=1: " + coloured);
    }

    private String runEntryPoint(List<String> args, java.util.Map<String, String> env) throws Exception {
        Path out = dir.resolve("help-out.txt");
        Path err = dir.resolve("help-err.txt");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), PyacqCommand.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("CLICOLOR_FORCE");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pyacq " + args + " did not end within 60 s");
        assertEquals(CliExitCodes.OK, p.exitValue(), () -> "pyacq " + args + ", stderr: " + readQuietly(err));
        assertEquals(List.of(), Files.readAllLines(err), "nothing on stderr from pyacq " + args);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

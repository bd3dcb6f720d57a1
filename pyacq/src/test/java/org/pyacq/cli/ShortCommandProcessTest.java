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

    @Test
    void aFailingShortCommandPrintsItsMessageAndNothingElse() throws Exception {
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
}

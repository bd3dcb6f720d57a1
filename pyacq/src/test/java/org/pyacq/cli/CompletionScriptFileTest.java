package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.testing.Requirements;

/** The completion script the build writes (target/completion/pyacq) and the package installs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletionScriptFileTest {
    private static final Path BASH = Path.of("/bin/bash");

    @TempDir
    static Path dir;
    static Path script;

    @BeforeAll
    static void writeTheScriptAsTheBuildDoes() throws IOException {
        script = dir.resolve("completion").resolve("pyacq");
        CompletionScriptFile.main(new String[] {script.toString()});
    }

    /** Runs bash with the script sourced, completing {@code words} at the last one; returns COMPREPLY. */
    private static List<String> complete(String... words) throws Exception {
        Requirements.require(Files.isExecutable(BASH), "needs " + BASH, "bash");
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        String line = String.join(" ", words);
        String program = "source \"$1\" 2>/dev/null\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=" + line.length() + "\n"
                + "_complete_pyacq 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Process bash = new ProcessBuilder(BASH.toString(), "-c", program, "bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        return new ArrayList<>(Arrays.asList(out.strip().split("\n")));
    }

    @Test
    void theScriptIsWhatPyacqCompletionPrints() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PyacqCommand.execute(new String[] {"completion", "bash"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(out.toString(), Files.readString(script));
    }

    @Test
    void bashAcceptsTheScript() throws Exception {
        Requirements.require(Files.isExecutable(BASH), "needs " + BASH, "bash");
        Process check = new ProcessBuilder(BASH.toString(), "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
    }

    @Test
    void anEmptyWordCompletesToTheSubcommands() throws Exception {
        List<String> got = complete("pyacq", "");
        assertTrue(got.containsAll(List.of("spawn", "ps", "call", "logs", "shutdown", "completion")), got.toString());
    }

    @Test
    void aPrefixCompletesToTheOneSubcommandItStarts() throws Exception {
        assertEquals(List.of("spawn"), complete("pyacq", "sp"));
    }

    @Test
    void aSubcommandsOptionsComplete() throws Exception {
        assertEquals(List.of("--restart"), complete("pyacq", "spawn", "--resta"));
    }
}

package org.pyacq.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.daemon.ChildSpec;
import org.pyacq.daemon.DaemonConfig;
import org.pyacq.daemon.RestartPolicy;
import org.pyacq.readme.ReadmeBlocks.Block;

/**
 * Checks the README's fenced blocks against the code and files they show: Java samples against
 * ReadmeSamples (which ReadmeSamplesTest runs), the configuration sample against DaemonConfig, the
 * test command against .ci/run, the systemd and Docker instructions against conf/ and the
 * Dockerfile. ReadmeIT runs the shell commands themselves.
 */
class ReadmeTest {
    private static final Path ROOT = ReadmeBlocks.repoRoot();
    private static final ReadmeBlocks README = ReadmeBlocks.load();
    private static final Set<String> KNOWN = Set.of("sh run", "sh daemon", "sh tests", "sh systemd", "sh docker",
            "sh hosts", "properties config", "text output", "text figures");

    @Test
    void everyBlockSaysWhatChecksIt() {
        for (Block block : README.blocks()) {
            String kind = block.language() + " " + block.tag();
            assertTrue(KNOWN.contains(kind) || block.language().equals("java") && block.tag().startsWith("sample="),
                    block + " has no tag a README test knows (" + KNOWN + ", java sample=NAME)");
        }
        for (Block output : README.withTag("text", "output")) {
            int index = README.blocks().indexOf(output);
            Block before = index > 0 ? README.blocks().get(index - 1) : null;
            assertTrue(before != null && before.language().equals("sh") && before.tag().equals("run"),
                    output + " should follow the ```sh run block whose output it shows");
        }
    }

    @Test
    void theFirstTwoCommandsRunTheDaemonAndTheTests() {
        List<Block> sh = README.blocks().stream().filter(b -> b.language().equals("sh")).toList();
        assertEquals("daemon", sh.get(0).tag(), "the README's first command runs the main job");
        assertEquals("tests", sh.get(1).tag(), "the README's second command runs the tests");
        assertEquals(List.of("bin/pyacqd"), sh.get(0).lines());
    }

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        String command = README.only("sh", "tests").text().strip();
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(command, ci.get(ci.size() - 1), ".ci/run should end with the README's test command");
    }

    @Test
    void javaSamplesAreTheCodeOfReadmeSamples() throws IOException {
        String source = Files.readString(ROOT.resolve("pyacq/src/test/java/org/pyacq/readme/ReadmeSamples.java"));
        Map<String, String> marked = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?s)// README:(\\w+) begin\\n(.*?)\\n\\s*// README:\\1 end").matcher(source);
        while (m.find()) {
            marked.put(m.group(1), dedent(m.group(2)));
        }
        List<String> shown = new ArrayList<>();
        for (Block block : README.blocks()) {
            if (!block.language().equals("java")) {
                continue;
            }
            String name = block.tag().substring("sample=".length());
            shown.add(name);
            assertTrue(marked.containsKey(name), block + ": no README:" + name + " markers in ReadmeSamples.java");
            assertEquals(marked.get(name), dedent(block.text().stripTrailing()),
                    block + " differs from ReadmeSamples.java; copy the code between the markers");
        }
        assertEquals(List.copyOf(marked.keySet()), shown, "every marked sample is shown once, in order");
    }

    @Test
    void configurationSampleIsAValidConfiguration(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pyacqd.conf");
        Files.writeString(file, README.only("properties", "config").text());
        DaemonConfig config = DaemonConfig.load(file, Map.of());
        assertEquals(Duration.ofSeconds(10), config.stopGrace());
        assertEquals(Duration.ofSeconds(1), config.restartBackoff());
        assertEquals(1, config.children().size());
        ChildSpec acq = config.children().get(0);
        assertEquals("acq", acq.name());
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), acq.jvmOptions());
        assertEquals("org.example.AcquisitionSetup", acq.startupClass());
        assertEquals(RestartPolicy.ON_FAILURE, acq.restart());
        assertEquals(10, acq.maxRestarts());
    }

    @Test
    void systemdInstructionsMatchTheUnit() throws IOException {
        String install = README.only("sh", "systemd").text();
        String unit = Files.readString(ROOT.resolve("conf/pyacqd.service"));
        String user = value(unit, "User");
        assertTrue(install.contains("useradd --system") && install.contains(" " + user + "\n"),
                "the README creates the unit's user " + user);
        String exec = value(unit, "ExecStart");
        assertTrue(exec.startsWith("/opt/pyacq/bin/pyacqd --config /etc/pyacq/pyacqd.conf"), exec);
        assertTrue(install.contains("cp -r bin conf /opt/pyacq/"), "bin/ is installed where ExecStart looks");
        assertTrue(install.contains("target/pyacq.jar /opt/pyacq/lib/"), "the jar is installed where bin/ looks");
        assertTrue(install.contains("conf/pyacqd.conf /etc/pyacq/"), "the configuration is where ExecStart reads it");
        assertTrue(install.contains("enable --now pyacqd"), install);
        for (String path : List.of("bin/pyacqd", "bin/pyacq", "bin/pyacq-launch.sh", "conf/pyacqd.conf",
                "conf/pyacqd.service")) {
            assertTrue(Files.isRegularFile(ROOT.resolve(path)), path + " is installed by the README");
        }
        assertTrue(install.contains(" pyacq/target/pyacq.jar /opt/pyacq/lib/"), "the product jar is the one installed");
        assertTrue(Files.readString(ROOT.resolve("pyacq/pom.xml")).contains("<finalName>pyacq</finalName>"),
                "mvn package makes pyacq/target/pyacq.jar, which the README installs");
    }

    /**
     * The several-hosts walk-through needs other machines, so it is not run; each {@code pyacq}
     * command in it must parse (asked with --help, which parses everything first and runs nothing).
     */
    @Test
    void severalHostsCommandsParse() {
        int checked = 0;
        for (String line : README.only("sh", "hosts").lines()) {
            String code = line.replaceAll("\\s+#.*$", "").replaceAll("^#.*$", "");
            for (String part : code.split("&&|&|>")) {
                List<String> words = shellWords(part.strip());
                if (words.isEmpty() || !words.get(0).equals("pyacq")) {
                    continue;
                }
                List<String> args = new ArrayList<>(words.subList(1, words.size()));
                args.add("--help");
                java.io.StringWriter err = new java.io.StringWriter();
                int code2 = org.pyacq.cli.PyacqCommand.execute(args.toArray(String[]::new),
                        new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
                assertEquals(0, code2, () -> "README: '" + part.strip() + "' does not parse: " + err);
                checked++;
            }
        }
        assertTrue(checked >= 8, "the several-hosts block shows the commands: " + checked);
    }

    /** Words of a simple shell command: blanks split, single quotes keep. */
    private static List<String> shellWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (c == '\'' ) {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void dockerInstructionsMatchTheDockerfile() throws IOException {
        String run = README.only("sh", "docker").text();
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
        assertTrue(expose.find(), "the Dockerfile documents its ports");
        assertEquals("7600 7601 7602", expose.group(1).strip());
        assertTrue(run.contains("-p 7600-7602:7600-7602"), "the README publishes the exposed ports");
        assertTrue(dockerfile.contains("VOLUME [\"/var/lib/pyacq\"]") && run.contains(":/var/lib/pyacq"),
                "the README mounts the key volume");
        assertTrue(run.contains("docker build -t pyacq .") && run.lines().anyMatch(l -> l.endsWith(" pyacq")), run);
    }

    private static String value(String unit, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit);
        assertTrue(m.find(), "the unit sets " + key);
        return m.group(1).strip();
    }

    /** The lines with their common leading spaces removed. */
    static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
        }
        return out.toString().stripTrailing();
    }

    @Test
    void sampleOutputLinesMatchLoosely() {
        Block sample = ReadmeBlocks.parse("```text output\nw1    running  31337  tcp://127.0.0.1:40213  2s\n...\n```\n")
                .blocks().get(0);
        assertTrue(ReadmeBlocks.unmatchedLines(sample, "w1  running  9 tcp://127.0.0.1:5 17s\n").isEmpty());
        assertFalse(ReadmeBlocks.unmatchedLines(sample, "w1  stopped  9 tcp://127.0.0.1:5 17s\n").isEmpty());
        assertEquals(List.of("w1    running  31337  tcp://127.0.0.1:40213  2s"),
                ReadmeBlocks.unmatchedLines(sample, "nothing\n"));
    }
}

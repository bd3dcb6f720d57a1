package org.pyacq.cli.present;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SpawnOptionsTest {
    @Command(name = "spawn")
    static final class Host {
        @Mixin
        SpawnOptions options;
    }

    private static SpawnOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.options;
    }

    @Test
    void withoutOptionsTheSpecHoldsTheDaemonsDefaults() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "w1");
        expected.put("jvm_options", List.of());
        expected.put("classpath", List.of());
        expected.put("env", Map.of());
        expected.put("restart", "no");
        expected.put("max_restarts", 5);
        expected.put("log_level", "info");
        expected.put("startup_timeout", 30.0);
        SpawnOptions options = parse();
        assertEquals(expected, options.spec("w1"));
        assertEquals(Duration.ofSeconds(30), options.startupTimeout());
        assertEquals(Duration.ofSeconds(45), options.answerTimeout());
    }

    @Test
    void everyOptionReachesTheSpec() {
        Map<String, Object> spec = parse("-J", "-Xmx256m", "--jvm-option=-Dx=1", "--classpath", "lib/a.jar",
                "-e", "A=1", "--env", "B=2", "--cwd", "/tmp", "--restart", "on-failure", "--max-restarts", "2",
                "--log-level", "DEBUG", "--startup-class", "org.lab.Start", "--startup-timeout", "0.5",
                "--bind", "tcp://127.0.0.1:*").spec("acq");
        assertEquals(List.of("-Xmx256m", "-Dx=1"), spec.get("jvm_options"));
        assertEquals(List.of("lib/a.jar"), spec.get("classpath"));
        assertEquals(Map.of("A", "1", "B", "2"), spec.get("env"));
        assertEquals(Path.of("/tmp").toAbsolutePath().toString(), spec.get("cwd"));
        assertEquals("on-failure", spec.get("restart"));
        assertEquals(2, spec.get("max_restarts"));
        assertEquals("debug", spec.get("log_level"));
        assertEquals("org.lab.Start", spec.get("startup_class"));
        assertEquals(0.5, spec.get("startup_timeout"));
        assertEquals("tcp://127.0.0.1:*", spec.get("bind"));
    }

    @Test
    void badValuesAreRefusedWhileParsing() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--restart", "sometimes"));
        assertEquals("Invalid value for option '--restart': 'sometimes' is not a restart policy; use no, "
                + "on-failure or always", e.getMessage());
        e = assertThrows(CommandLine.ParameterException.class, () -> parse("--startup-timeout", "0"));
        assertEquals("Invalid value for option '--startup-timeout': '0' is not a positive number of seconds",
                e.getMessage());
    }
}

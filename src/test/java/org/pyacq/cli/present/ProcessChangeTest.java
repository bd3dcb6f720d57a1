package org.pyacq.cli.present;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProcessChangeTest {
    @Test
    void startedAndRestartedProcessesShowPidAndAddress() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", "w1");
        after.put("pid", 31337);
        after.put("address", "tcp://127.0.0.1:40213");
        assertEquals("started w1: pid 31337 at tcp://127.0.0.1:40213", ProcessChange.STARTED.line("w1", after));
        assertEquals("restarted w1: pid 31337 at tcp://127.0.0.1:40213", ProcessChange.RESTARTED.line("w1", after));
    }

    @Test
    void stoppedAndKilledProcessesShowTheirExitCodeWhenKnown() {
        assertEquals("stopped w1 (exit code 0)", ProcessChange.STOPPED.line("w1", Map.of("exit_code", 0)));
        assertEquals("killed w2 (exit code 137)", ProcessChange.KILLED.line("w2", Map.of("exit_code", 137)));
        assertEquals("stopped w3", ProcessChange.STOPPED.line("w3", Map.of()));
    }

    @Test
    void eachChangeNamesTheDaemonMethodThatMakesIt() {
        assertEquals("spawn restart stop kill", String.join(" ", java.util.Arrays.stream(ProcessChange.values())
                .map(ProcessChange::method).toList()));
    }
}

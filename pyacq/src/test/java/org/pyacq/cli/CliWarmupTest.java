package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher's archive training runs every short command it lists, and each of them succeeds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliWarmupTest {
    @Test
    void everyTrainingCommandRunsToTheEnd() {
        assertEquals(CliWarmup.commands(Path.of("/unused")).size(), CliWarmup.run());
    }
}

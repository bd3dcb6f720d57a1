package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.UserKeys;

/** The authenticator's thread never keeps a JVM alive: a program exits when main returns. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessExitTest {
    @Test
    void aJvmThatServedOverCurveExitsWhenMainReturns() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-D" + UserKeys.DIR_PROPERTY + "="
                + UserKeys.defaultDirectory(), "-cp", System.getProperty("java.class.path"),
                ExitingServerMain.class.getName())).redirectErrorStream(true).start();
        try {
            // generous: a JVM kept alive by a non-daemon thread would never exit at all
            boolean exited = p.waitFor(90, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "the JVM did not exit after main returned; output:\n" + output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("zap handler thread: daemon=true"), output);
            assertTrue(output.contains("main returns"), output);
        } finally {
            p.destroyForcibly();
        }
    }
}

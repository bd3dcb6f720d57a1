package org.pyacq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the frame-shape probe against its real server JVM: checks the report's shape, not the speed. */
class FrameShapeProbeTest {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void probeMeasuresBothShapesAgainstAServerJvm() throws Exception {
        List<String> lines = FrameShapeProbe.run(1, 50);
        assertEquals(3, lines.size(), lines::toString);
        Pattern rate = Pattern.compile("\\s+requests of (\\d) frames?\\s+([\\d,]+) msgs/s.*");
        for (int i = 1; i <= 2; i++) {
            Matcher m = rate.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(i == 1 ? "1" : "5", m.group(1));
            assertTrue(Long.parseLong(m.group(2).replace(",", "")) > 0, lines.get(i));
        }
    }
}

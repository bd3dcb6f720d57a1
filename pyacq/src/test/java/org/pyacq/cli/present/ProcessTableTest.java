package org.pyacq.cli.present;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProcessTableTest {
    @Test
    void durationsAndMemoryAreShort() {
        assertEquals("42s", ProcessTable.duration(42.9));
        assertEquals("5m07s", ProcessTable.duration(307));
        assertEquals("3h05m", ProcessTable.duration(3 * 3600 + 5 * 60 + 59));
        assertEquals("2d04h", ProcessTable.duration(2 * 86400 + 4 * 3600));
        assertEquals("812B", ProcessTable.bytes(812));
        assertEquals("120M", ProcessTable.bytes(120L << 20));
        assertEquals("1.5G", ProcessTable.bytes(3L << 29));
    }

    @Test
    void numbersKeepTheirDotUnderAGermanLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("1.5G", ProcessTable.bytes(3L << 29));
            assertEquals("5m07s", ProcessTable.duration(307));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void columnsLineUpAndMissingValuesAreDashes() {
        Map<String, Object> running = new LinkedHashMap<>();
        running.put("name", "worker1");
        running.put("status", "running");
        running.put("pid", 31337);
        running.put("address", "tcp://127.0.0.1:40213");
        running.put("uptime", 2.4);
        running.put("restarts", 0);
        running.put("memory", 64L << 20);
        running.put("objects", 3);
        running.put("references", 12);
        running.put("leases", 2);
        assertEquals(List.of(
                "NAME     STATUS   PID    ADDRESS                UPTIME  RESTARTS  EXIT  MEMORY  OBJECTS  REFS  CLIENTS",
                "worker1  running  31337  tcp://127.0.0.1:40213  2s      0         -     64M     3        12    2",
                "w2       stopped  -      -                      -       2         -     -       -        -     -"),
                ProcessTable.lines(List.of(running, Map.of("name", "w2", "status", "stopped", "restarts", 2))));
    }

    @Test
    void errorsFollowTheTableOneLineEach() {
        Map<String, Object> failed = new LinkedHashMap<>();
        failed.put("name", "bad");
        failed.put("status", "failed");
        failed.put("exit_code", 1);
        failed.put("error", "exited with code 1");
        assertEquals(List.of(
                "NAME  STATUS  PID  ADDRESS  UPTIME  RESTARTS  EXIT  MEMORY  OBJECTS  REFS  CLIENTS",
                "bad   failed  -    -        -       -         1     -       -        -     -",
                "bad: exited with code 1"), ProcessTable.lines(List.of(failed)));
    }

    @Test
    void theHeaderNamesEveryColumn() {
        assertEquals(List.of("NAME", "STATUS", "PID", "ADDRESS", "UPTIME", "RESTARTS", "EXIT", "MEMORY", "OBJECTS",
                "REFS", "CLIENTS"),
                ProcessTable.COLUMNS.stream().map(ProcessTable.Column::header).toList());
    }
}

package org.pyacq.cli.present;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LogLineFormatTest {
    @Test
    void logLinesLookLikeTheConsole() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host_name", "lab");
        r.put("process_name", "w1");
        r.put("thread_name", "main");
        r.put("levelno", 40);
        r.put("levelname", "ERROR");
        r.put("msg", "it broke");
        r.put("exc_text", "java.lang.IllegalStateException: why\n\tat X.y(X.java:1)");
        assertEquals("[lab:w1:main] ERROR it broke" + System.lineSeparator()
                + "java.lang.IllegalStateException: why\n\tat X.y(X.java:1)", new LogLineFormat(false).format(r));
        r.remove("exc_text");
        assertEquals("\u001b[32m[lab:w1:main]\u001b[0m \u001b[1;31mERROR it broke\u001b[0m",
                new LogLineFormat(true).format(r));
    }
}

package org.pyacq.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

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

    /**
     * The cause of this class's old flake ("the probe's server sent nothing for 10000 ms"): a fresh
     * JeroMQ connection that stays silent until its handshake interval (30 s by default) runs out.
     * With the probe's socket settings, every one of many fresh connections to the probe's server
     * JVM gets its first reply well within the probe's 10 s receive timeout.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyFreshConnectionGetsItsFirstReplyDespiteHandshakeStalls() throws Exception {
        int connections = 150;
        List<Long> slowMillis = new ArrayList<>();
        try (FrameShapeProbe.ServerJvm server = FrameShapeProbe.ServerJvm.start(); ZContext context = new ZContext(1)) {
            String endpoint = server.endpoint();
            for (int i = 0; i < connections; i++) {
                ZMQ.Socket dealer = FrameShapeProbe.connectDealer(context, endpoint);
                long start = System.nanoTime();
                byte[] last = {(byte) i, 5};
                for (int frame = 0; frame < 4; frame++) {
                    assertTrue(dealer.send(new byte[16], ZMQ.SNDMORE), "connection " + i + " takes a request");
                }
                assertTrue(dealer.send(last, 0), "connection " + i + " takes a request");
                byte[] reply = dealer.recv(0);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertArrayEquals(last, reply, "connection " + i + " of " + connections + " got no reply in "
                        + millis + " ms");
                if (millis > 1000) {
                    slowMillis.add(millis);
                }
                context.destroySocket(dealer);
            }
            assertTrue(slowMillis.size() < connections / 10, "too many slow first replies: " + slowMillis);
        }
    }
}

package org.pyacq.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** Log servers and senders use the process's security: records from a sender without the key never arrive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogSecurityTest {
    private final LoggerContext context = TestEvents.freshContext();
    private final EventCollector received = new EventCollector();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    private static ZMQ.Socket sender(String address, TransportSecurity security) {
        ZMQ.Socket s = ZmqRuntime.context().createSocket(SocketType.PUSH);
        s.setLinger(0);
        security.applyToClient(s);
        s.connect(address);
        return s;
    }

    private static String record(String message) {
        return "{\"name\": \"sec\", \"msg\": \"" + message + "\", \"levelno\": 20, \"levelname\": \"INFO\", "
                + "\"created\": 1712345678.5, \"process_name\": \"p\", \"thread_name\": \"t\", \"host_name\": \"h\"}";
    }

    @Test
    void onlySendersHoldingTheKeyAreHeard() throws Exception {
        try (LogServer server = LogServer.builder().target(received).build().start()) {
            CurveSecurity mine = (CurveSecurity) DefaultSecurity.get();
            ZMQ.Socket plain = sender(server.address(), TransportSecurity.PLAIN);
            ZMQ.Socket stranger = sender(server.address(),
                    CurveSecurity.builder(KeyPair.generate()).serverKey(mine.serverKey()).build());
            ZMQ.Socket keyed = sender(server.address(), mine);
            try {
                plain.send(TestEvents.utf8(record("from a plain sender")), ZMQ.DONTWAIT);
                stranger.send(TestEvents.utf8(record("from a stranger")), ZMQ.DONTWAIT);
                // the appender uses the process's security by default
                PyacqLogAppender appender = new PyacqLogAppender();
                appender.setContext(context);
                appender.setAddress(server.address());
                appender.start();
                Logger logger = context.getLogger("pyacq.test.secure");
                logger.addAppender(appender);
                logger.info("from the appender");
                ILoggingEvent first = received.next();
                assertEquals("from the appender", first.getFormattedMessage());
                keyed.send(TestEvents.utf8(record("from a keyed sender")), 0);
                ILoggingEvent second = received.next();
                assertEquals("from a keyed sender", second.getFormattedMessage());
                assertEquals(2, server.received(), "nothing from the plain sender or the stranger");
                assertTrue(received.poll() == null);
                appender.stop();
            } finally {
                plain.close();
                stranger.close();
                keyed.close();
            }
        }
    }
}

package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.log.LogConfigSource;
import org.pyacq.log.LogServer;
import org.pyacq.log.PyacqMdc;
import org.pyacq.rpc.ObjectProxy;
import org.slf4j.LoggerFactory;
import org.pyacq.testing.Await;

/** A child's records, stdout and stderr lines and uncaught exceptions all reach the logs with its name. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildLoggingTest {

    /** Collects events. */
    static final class Collector extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            events.add(e);
        }

        ILoggingEvent await(String what, Predicate<ILoggingEvent> p) {
            try {
                return Await.value("an event " + what, () -> events.stream().filter(p).findFirst());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; events: " + events.stream()
                        .map(ILoggingEvent::getFormattedMessage).toList(), e);
            }
        }
    }

    @Test
    void aChildAppliesTheParentsLogConfigurationFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("logback.xml"),
                "<configuration><logger name=\"pyacq.test.fromFile\" level=\"DEBUG\"/></configuration>\n");
        withParentLogConfig(file.toString(), () -> {
            try (SpawnedProcess child = ProcessSpawner.spawn(SpawnOptions.builder("configured")
                    .startupTimeout(Duration.ofSeconds(60)).build())) {
                assertEquals(file.toString(), child.importModule("java.lang.System").invoke("getProperty",
                        LogConfigSource.PROPERTY));
                ObjectProxy factory = child.importModule("org.slf4j.LoggerFactory");
                ObjectProxy fromFile = (ObjectProxy) factory.invoke("getLogger", "pyacq.test.fromFile");
                ObjectProxy other = (ObjectProxy) factory.invoke("getLogger", "pyacq.test.other");
                assertEquals(true, fromFile.invoke("isDebugEnabled"), "the file's level, below the child's INFO");
                assertEquals(false, other.invoke("isDebugEnabled"));
            }
        });
    }

    /** Runs {@code test} with this process's -Dpyacq.logConfig set to {@code value}, then restores it. */
    private static void withParentLogConfig(String value, Runnable test) {
        String before = System.getProperty(LogConfigSource.PROPERTY);
        System.setProperty(LogConfigSource.PROPERTY, value);
        try {
            test.run();
        } finally {
            if (before == null) {
                System.clearProperty(LogConfigSource.PROPERTY);
            } else {
                System.setProperty(LogConfigSource.PROPERTY, before);
            }
        }
    }

    @Test
    void aChildsOwnLogConfigurationOptionWinsOverTheParents() {
        withParentLogConfig("/parent/logback.xml", () -> {
            List<String> own = ProcessSpawner.command(SpawnOptions.builder("own")
                    .jvmOptions("-Dpyacq.logConfig=/child/logback.xml").build());
            assertEquals(1, own.stream().filter(o -> o.startsWith("-Dpyacq.logConfig=")).count(), own.toString());
            assertTrue(own.contains("-Dpyacq.logConfig=/child/logback.xml"), own.toString());
            List<String> inherited = ProcessSpawner.command(SpawnOptions.builder("inherits").build());
            assertTrue(inherited.contains("-Dpyacq.logConfig=/parent/logback.xml"), inherited.toString());
        });
    }

    @Test
    void recordsLinesAndUncaughtExceptionsArriveWithTheChildsName() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Collector received = new Collector();
        received.setContext(ctx);
        received.start();
        Collector forwarded = new Collector();
        forwarded.setContext(ctx);
        forwarded.start();
        Logger childLines = ctx.getLogger("pyacq.child.talker");
        childLines.setLevel(Level.ALL);
        childLines.addAppender(forwarded);
        try (LogServer logs = LogServer.builder().target(received::doAppend).build().start();
             SpawnedProcess child = ProcessSpawner.spawn(SpawnOptions.builder("talker").logAddress(logs.address())
                     .startupClass(ThreadDeathStartup.class.getName()).startupTimeout(Duration.ofSeconds(60)).build())) {
            ILoggingEvent record = received.await("from the child's logger",
                    e -> e.getFormattedMessage().equals("a record from the child's logger"));
            assertEquals("talker", record.getMDCPropertyMap().get(PyacqMdc.PROCESS));
            assertEquals("child.logic", record.getLoggerName());
            assertEquals(Level.INFO, record.getLevel());
            ILoggingEvent death = received.await("about the dead thread",
                    e -> e.getThreadName().equals("doomed-worker") && e.getLevel().isGreaterOrEqual(Level.WARN));
            assertEquals("talker", death.getMDCPropertyMap().get(PyacqMdc.PROCESS));
            assertTrue(String.valueOf(death.getMDCPropertyMap().get(PyacqMdc.EXC_TEXT))
                    .contains("this thread died on purpose"), death.getMDCPropertyMap().toString());
            ILoggingEvent out = forwarded.await("for the stdout line",
                    e -> e.getFormattedMessage().equals("[talker.stdout] a line on stdout"));
            assertEquals(Level.INFO, out.getLevel());
            assertEquals("talker", out.getMDCPropertyMap().get(PyacqMdc.PROCESS));
            ILoggingEvent err = forwarded.await("for the stderr line",
                    e -> e.getFormattedMessage().equals("[talker.stderr] a line on stderr"));
            assertEquals(Level.WARN, err.getLevel());
        } finally {
            childLines.detachAppender(forwarded);
        }
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcTimerTest {

    @Test
    void aLocalCallbackRunsOnTheServerThreadUpToTheLimit() {
        try (RpcServer server = RpcServer.builder().name("timed").build().start()) {
            List<String> threads = new CopyOnWriteArrayList<>();
            RpcTimer timer = server.startTimer((Runnable) () -> threads.add(Thread.currentThread().getName()), 0.01, 5);
            assertTrue(timer.awaitDone(Duration.ofSeconds(20)));
            assertEquals(5, timer.count());
            assertEquals(5, threads.size());
            assertTrue(threads.stream().allMatch("pyacq-server-timed"::equals), threads.toString());
            assertFalse(timer.isRunning());
        }
    }

    @Test
    void aRemoteCallbackIsCalledThroughItsProxyUntilStopped() {
        try (RpcServer server = RpcServer.builder().name("timer-host").build().start();
             RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            AtomicInteger ticks = new AtomicInteger();
            Runnable callback = ticks::incrementAndGet;
            ObjectProxy self = client.self();
            ObjectProxy timer = (ObjectProxy) self.invoke("startTimer", callback, 0.01, 0);
            RpcTestSupport.awaitCondition("three ticks", Duration.ofSeconds(20), () -> ticks.get() >= 3);
            timer.invoke("stop");
            assertTrue((Boolean) timer.invoke("awaitDone", 10.0));
            int stopped = ticks.get();
            assertEquals(stopped, timer.invoke("count"));
        }
    }

    @Test
    void closingTheServerStopsItsTimers() {
        RpcServer server = RpcServer.builder().name("timer-close").build().start();
        RpcTimer timer = server.startTimer((Runnable) () -> { }, 0.005, 0);
        server.close();
        assertTrue(timer.awaitDone(Duration.ofSeconds(10)));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> RpcServer.builder().build().startTimer((Runnable) () -> { }, -1, 0));
        assertEquals("timer interval must be a positive number of seconds, got -1.0", bad.getMessage());
    }
}

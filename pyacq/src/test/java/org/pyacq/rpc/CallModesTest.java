package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sync, async and off calls; timeouts; reply order; many threads on one client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallModesTest {
    private RpcServer server;
    private RpcServer pooled;
    private RpcClient client;
    private TestService service;

    @BeforeEach
    void start() {
        server = RpcServer.builder().name("modes").build().start();
        pooled = RpcServer.builder().name("modes-pool").workers(4).build().start();
        service = new TestService("modes");
        server.publish("svc", service);
        pooled.publish("svc", new TestService("pooled"));
        client = RpcClient.open(server.address(), ClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        pooled.close();
    }

    @Test
    void asyncCallsReturnFuturesThatCompleteLater() throws Exception {
        ObjectProxy svc = (ObjectProxy) client.get("svc");
        RpcClient pc = RpcClient.open(pooled.address(), ClientOptions.defaults());
        try {
            ObjectProxy pooledSvc = (ObjectProxy) pc.get("svc");
            ObjectProxy latch = (ObjectProxy) pc.importModule("java.util.concurrent.CountDownLatch").call(1);
            RpcFuture<Object> f = pooledSvc.invokeAsync("awaitLatch", latch, 20.0);
            assertFalse(f.isDone());
            latch.invoke("countDown");
            assertEquals(true, f.result());
        } finally {
            pc.close();
        }
        assertEquals(12, svc.attr("add").callAsync(7, 5).get(10, TimeUnit.SECONDS));
        CompletableFuture<Object> chained = svc.invokeAsync("add", 1, 2).thenApply(v -> (Integer) v * 10);
        assertEquals(30, chained.get(10, TimeUnit.SECONDS));
        ObjectProxy asyncView = svc.withSyncMode(SyncMode.ASYNC);
        assertInstanceOf(RpcFuture.class, asyncView.invoke("add", 1, 1));
    }

    @Test
    void offCallsReturnNothingAndRunInOrder() {
        ObjectProxy svc = (ObjectProxy) client.get("svc");
        for (int i = 0; i < 100; i++) {
            svc.invokeOff("remember", i);
        }
        assertNull(svc.withSyncMode(SyncMode.OFF).invoke("remember", 100));
        assertEquals(101, ((ObjectProxy) svc.get("received")).size());
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, service.received);
    }

    @Test
    void aFailingOffCallDoesNotDisturbLaterCalls() {
        ObjectProxy svc = (ObjectProxy) client.get("svc");
        svc.invokeOff("fail", "nobody is waiting");
        assertEquals(3, svc.invoke("add", 1, 2));
    }

    @Test
    void timeoutsFailTheCallAndLeaveTheConnectionUsable() {
        ObjectProxy svc = (ObjectProxy) client.get("svc");
        RpcTimeoutException e = assertThrows(RpcTimeoutException.class, () ->
                svc.withTimeout(Duration.ofMillis(50)).invoke("sleepThenReturn", 1.0, "late"));
        assertEquals("call_obj", e.action());
        assertTrue(e.getMessage().startsWith("no reply from " + server.address() + " to call_obj ["), e.getMessage());
        assertEquals("on time", svc.withTimeout(Duration.ofSeconds(5)).invoke("sleepThenReturn", 0.01, "on time"));
        RpcFuture<Object> f = svc.withTimeout(Duration.ofMillis(50)).invokeAsync("sleepThenReturn", 1.0, "late");
        ExecutionException ex = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RpcTimeoutException.class, ex.getCause());
        assertEquals(2, svc.invoke("add", 1, 1));
    }

    @Test
    void repliesArriveInAnyOrder() throws Exception {
        RpcClient pc = RpcClient.open(pooled.address(), ClientOptions.defaults());
        try {
            ObjectProxy svc = (ObjectProxy) pc.get("svc");
            ObjectProxy remoteGate = (ObjectProxy) pc.importModule("java.util.concurrent.CountDownLatch").call(1);
            RpcFuture<Object> slow = svc.invokeAsync("awaitLatch", remoteGate, 20.0);
            RpcFuture<Object> fast = svc.invokeAsync("add", 2, 3);
            assertEquals(5, fast.result());
            assertFalse(slow.isDone());
            remoteGate.invoke("countDown");
            assertEquals(true, slow.result());
        } finally {
            pc.close();
        }
    }

    @Test
    void manyThreadsShareOneClient() throws Exception {
        ObjectProxy svc = (ObjectProxy) client.get("svc");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                results.add(pool.submit(() -> {
                    int sum = 0;
                    for (int i = 0; i < 200; i++) {
                        sum += (Integer) svc.invoke("add", base, i);
                        if (i % 50 == 0) {
                            sum += (Integer) svc.invokeAsync("add", 0, 0).result();
                        }
                    }
                    return sum;
                }));
            }
            for (int t = 0; t < 8; t++) {
                int expected = 200 * t * 1000 + 199 * 200 / 2;
                assertEquals(expected, results.get(t).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void pipelinedAsyncCallsAllComplete() throws Exception {
        ObjectProxy add = ((ObjectProxy) client.get("svc")).attr("add");
        List<RpcFuture<Object>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(add.callAsync(i, 1));
        }
        for (int i = 0; i < futures.size(); i++) {
            assertEquals(i + 1, futures.get(i).result());
        }
        assertEquals(0, client.pendingCalls());
    }

    @Test
    void blockingOnAFutureInsideItsCallbackIsRefused() throws Exception {
        RpcClient pc = RpcClient.open(pooled.address(), ClientOptions.defaults());
        try {
            ObjectProxy svc = (ObjectProxy) pc.get("svc");
            ObjectProxy latch = (ObjectProxy) pc.importModule("java.util.concurrent.CountDownLatch").call(1);
            RpcFuture<Object> other = svc.invokeAsync("awaitLatch", latch, 20.0);
            // the callback must run on the client's I/O thread, as the reply completes the future: a reply
            // that came before thenApply was attached would run it on this thread, where waiting is allowed
            ObjectProxy gate = (ObjectProxy) pc.importModule("java.util.concurrent.CountDownLatch").call(1);
            CompletableFuture<Object> nested = svc.invokeAsync("awaitLatch", gate, 20.0).thenApply(v -> other.join());
            gate.invoke("countDown");
            ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("cannot wait for RpcFuture[call_obj"),
                    e.getCause().getMessage());
            latch.invoke("countDown");
            assertEquals(true, other.result());
        } finally {
            pc.close();
        }
    }
}

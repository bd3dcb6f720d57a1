package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.wire.Serializers;

/** Proxies crossing servers, publishing, reentrancy, callbacks, JSON beside msgpack, close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrossServerTest {
    private RpcServer server1;
    private RpcServer server2;
    private RpcClient client1;
    private RpcClient client2;

    @BeforeEach
    void start() {
        server1 = RpcServer.builder().name("one").build().start();
        server2 = RpcServer.builder().name("two").build().start();
        server1.publish("svc", new TestService("one"));
        server2.publish("svc", new TestService("two"));
        client1 = RpcClient.open(server1.address(), ClientOptions.defaults());
        client2 = RpcClient.open(server2.address(), ClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        client1.close();
        client2.close();
        server1.close();
        server2.close();
    }

    @Test
    void aProxyFromOneServerIsUsedInAnother() {
        ObjectProxy svc1 = (ObjectProxy) client1.get("svc");
        ObjectProxy svc2 = (ObjectProxy) client2.get("svc");
        assertEquals("org.pyacq.rpc.TestService", svc1.invoke("typeOf", svc1));
        assertEquals(7, svc2.invoke("useRemote", svc1, 3, 4));
        assertEquals("org.pyacq.rpc.ObjectProxy", svc2.invoke("typeOf", svc1));
        svc2.invoke("remember", svc1);
        Object back = ((ObjectProxy) svc2.get("received")).getItem(0);
        assertEquals(svc1, back);
        assertEquals(9, ((ObjectProxy) back).invoke("add", 4, 5));
        assertEquals(11, svc1.invoke("add", 5, 6));
    }

    @Test
    void aForwardedProxyStaysValidAfterItsForwarderLetsGo() {
        ObjectProxy svc2 = (ObjectProxy) client2.get("svc");
        ObjectProxy cls = client1.importModule("org.pyacq.rpc.TestService");
        ObjectProxy made = (ObjectProxy) cls.call("forwarded-" + System.nanoTime());
        svc2.invoke("remember", made);
        made.delete();
        ObjectProxy stored = (ObjectProxy) ((ObjectProxy) svc2.get("received")).getItem(0);
        assertEquals(3, stored.invoke("add", 1, 2));
    }

    @Test
    void publishedObjectsAreSharedThroughTheRegistry() {
        client1.set("arr", new double[] {1, 2, 3});
        assertArrayEquals(new double[] {1, 2, 3}, (double[]) client1.get("arr"));
        ObjectProxy svc2 = (ObjectProxy) client2.get("svc");
        ObjectProxy lookup = client2.importModule("org.pyacq.rpc.RpcClient").attr("connect");
        ObjectProxy remoteClient = (ObjectProxy) lookup.call(server1.address());
        assertArrayEquals(new double[] {1, 2, 3}, (double[]) remoteClient.invoke("get", "arr"));
        assertTrue(svc2 != null);
        RemoteCallException missing = assertThrows(RemoteCallException.class, () -> client1.get("nothing"));
        assertTrue(missing.summary().contains("nothing is published under 'nothing' in one; published names are"),
                missing.summary());
    }

    @Test
    void reentrantPingPongBetweenTwoServersCompletes() {
        server1.publish("pp", new PingPong());
        server2.publish("pp", new PingPong());
        ObjectProxy pp1 = (ObjectProxy) client1.get("pp");
        ObjectProxy pp2 = (ObjectProxy) client2.get("pp");
        pp1.invoke("setPartner", pp2);
        pp2.invoke("setPartner", pp1);
        assertEquals("reentrant!", pp1.withTimeout(Duration.ofSeconds(30)).invoke("ping", 12));
        assertEquals(12, pp1.get("depth"));
        assertEquals(11, pp2.get("depth"));
    }

    @Test
    void callbacksRunThroughAFunctionalInterface() {
        ObjectProxy svc = (ObjectProxy) client1.get("svc");
        List<String> seenOn = new CopyOnWriteArrayList<>();
        Function<Object, Object> twice = x -> {
            seenOn.add(Thread.currentThread().getName());
            return (Integer) x * 2;
        };
        assertEquals(12, svc.invoke("applyTwice", twice, 3));
        assertEquals(2, seenOn.size());
        assertTrue(seenOn.get(0).startsWith("pyacq-server-local"), seenOn.toString());
        svc.invoke("remember", twice);
        Object back = ((ObjectProxy) svc.get("received")).getItem(0);
        assertSame(twice, back);
    }

    @Test
    void aJsonClientWorksBesideAMsgpackClient() {
        RpcClient json = RpcClient.open(server1.address(), ClientOptions.builder().serializer(Serializers.JSON).build());
        try {
            ObjectProxy cls = json.importModule("org.pyacq.rpc.TestService");
            ObjectProxy made = (ObjectProxy) cls.call("json-tester");
            assertEquals(7, made.invoke("add", 3, 4));
            assertArrayEquals(new double[] {0.5, 1.5}, (double[]) made.invoke("echoArray", new double[] {0.5, 1.5}));
            ObjectProxy svc = (ObjectProxy) client1.get("svc");
            assertEquals(9, svc.invoke("add", 4, 5));
        } finally {
            json.close();
        }
    }

    @Test
    void closingAServerNotifiesEveryClient() {
        ObjectProxy svc = (ObjectProxy) client1.get("svc");
        RpcClient other = RpcClient.open(server1.address(), ClientOptions.defaults());
        try {
            other.ping();
            RpcFuture<Object> pending = ((ObjectProxy) other.get("svc")).withTimeout(Duration.ofSeconds(30))
                    .invokeAsync("sleepThenReturn", 0.3, "x");
            assertTrue(client1.closeServer());
            assertTrue(server1.awaitClosed(Duration.ofSeconds(10)));
            RpcTestSupport.awaitCondition("the other client sees the disconnect", Duration.ofSeconds(10),
                    () -> other.isDisconnected() || pending.isDone());
            ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class, other::ping);
            assertTrue(e.getMessage().contains("disconnected") || e.getMessage().contains("closed"), e.getMessage());
            assertThrows(ServerDisconnectedException.class, () -> svc.invoke("add", 1, 2));
        } finally {
            other.close();
        }
    }

    @Test
    void pendingCallsFailAtOnceWhenTheServerCloses() throws Exception {
        RpcClient pc = RpcClient.open(server2.address(), ClientOptions.defaults());
        try {
            ObjectProxy latch = (ObjectProxy) pc.importModule("java.util.concurrent.CountDownLatch").call(1);
            ObjectProxy svc = ((ObjectProxy) pc.get("svc")).withTimeout(Duration.ofSeconds(60));
            // the asynchronous connection is up and known to the server (a CURVE handshake takes a
            // few milliseconds: a server closed before it ends never hears of this client)
            assertEquals(0, svc.invokeAsync("add", 0, 0).get(10, TimeUnit.SECONDS));
            RpcFuture<Object> waiting = svc.invokeAsync("awaitLatch", latch, 0.5);
            RpcFuture<Object> queued = svc.invokeAsync("add", 1, 2);
            server2.close();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> queued.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ServerDisconnectedException.class, e.getCause());
            assertTrue(waiting.isDone());
        } finally {
            pc.close();
        }
    }
}

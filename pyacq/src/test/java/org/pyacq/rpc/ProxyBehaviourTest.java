package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ReturnType;

/** pyacq's test_rpc, first part: proxies, values, attributes, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyBehaviourTest {
    private RpcServer server;
    private RpcClient client;
    private TestService service;

    @BeforeEach
    void start() {
        server = RpcServer.builder().name("proxy-test").build().start();
        service = new TestService("published");
        server.publish("my_object", service);
        server.publish("test_class", TestService.class);
        client = RpcClient.open(server.address(), ClientOptions.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void proxiesToTheSameObjectAreEqualAndHashAlike() {
        ObjectProxy a = (ObjectProxy) client.get("my_object");
        ObjectProxy b = (ObjectProxy) client.get("my_object");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.objectId(), b.objectId());
        assertNotEquals(a.referenceId(), b.referenceId());
        Map<ObjectProxy, String> map = new HashMap<>();
        map.put(a, "x");
        assertEquals("x", map.get(b));
        Set<ObjectProxy> set = new HashSet<>(List.of(a));
        assertTrue(set.contains(b));
        ObjectProxy other = (ObjectProxy) client.get("test_class");
        assertNotEquals(a, other);
        assertEquals("TestService", a.typeName().substring(a.typeName().lastIndexOf('.') + 1));
    }

    @Test
    void methodsAreCalledThroughAttributeProxies() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        ObjectProxy add = obj.attr("add");
        assertEquals(List.of("add"), add.attributes());
        assertEquals(12, add.call(7, 5));
        assertEquals("ab", obj.invoke("add", "a", "b"));
        assertEquals(List.of(0, "x", 7), obj.invoke("getList").getClass() == ObjectProxy.class
                ? ((ObjectProxy) obj.invoke("getList")).getValue() : obj.invoke("getList"));
    }

    @Test
    void valuesKeepTheirTypesBothWays() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        @SuppressWarnings("unchecked")
        Map<String, Object> types = (Map<String, Object>) obj.withReturnType(ReturnType.VALUE).invoke("types");
        assertEquals(7, types.get("int"));
        assertEquals(0.5, types.get("float"));
        assertEquals("xxx", types.get("str"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) types.get("bytes"));
        NdArray array = (NdArray) types.get("array");
        assertEquals(DType.FLOAT32, array.dtype());
        assertArrayEquals(new int[] {2, 2}, array.shape());
        assertEquals(Map.of("a", 1), types.get("map"));
        assertEquals(List.of(1, 2), types.get("list"));
        assertEquals(LocalDateTime.of(2015, 1, 1, 12, 0), types.get("datetime"));
        assertEquals(LocalDate.of(2015, 1, 1), types.get("date"));
        ObjectProxy builder = assertInstanceOf(ObjectProxy.class, types.get("object"));
        assertEquals("proxied", builder.invoke("toString"));
        assertEquals("java.lang.Integer", obj.invoke("typeOf", 7));
        assertEquals("java.lang.Double", obj.invoke("typeOf", 0.5));
        assertEquals("[B", obj.invoke("typeOf", new byte[] {1}));
        assertEquals("org.pyacq.wire.NdArray", obj.invoke("typeOf", array));
        assertEquals("[D", obj.invoke("typeOf", new double[] {1}));
        assertEquals("org.pyacq.wire.WireMap", obj.invoke("typeOf", Map.of("k", 1)));
        assertEquals("org.pyacq.wire.WireList", obj.invoke("typeOf", List.of(1)));
        assertEquals("java.time.LocalDateTime", obj.invoke("typeOf", LocalDateTime.now()));
        assertEquals("java.lang.StringBuilder", obj.invoke("typeOf", builder));
    }

    @Test
    void resultsCanComeBackByProxy() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        ObjectProxy list = (ObjectProxy) obj.withReturnType(ReturnType.PROXY).invoke("getList");
        assertEquals("java.util.ArrayList", list.typeName());
        assertEquals(3, list.size());
        assertEquals(7, list.getItem(2));
        assertEquals(7, list.getItem(-1));
        assertEquals(List.of(0, "x", 7), list.getValue());
    }

    @Test
    void theServerIsReachableAsSelf() {
        ObjectProxy self = client.self();
        assertEquals(server.address(), self.invoke("address"));
        assertEquals("pong", self.invoke("ping"));
    }

    @Test
    void remoteExceptionsCarryTypeAndTrace() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> obj.invoke("fail", "broken on purpose"));
        assertEquals("IllegalStateException", e.remoteType());
        assertEquals("IllegalStateException: broken on purpose", e.summary());
        assertTrue(e.getMessage().startsWith("IllegalStateException: broken on purpose\n  (raised in "
                + server.address()), e.getMessage());
        assertTrue(e.remoteTrace().contains("at org.pyacq.rpc.TestService.fail"), e.remoteTrace());
        assertTrue(e.remoteLines().get(0).startsWith("Error while processing request "), e.remoteLines().get(0));
        RemoteCallException overload = assertThrows(RemoteCallException.class, () -> obj.invoke("add", 7, "x"));
        assertEquals("OverloadException", overload.remoteType());
        assertTrue(overload.summary().contains("no overload of TestService.add fits (Integer, String)"),
                overload.summary());
    }

    @Test
    void attributesAreDeferredUntilUsed() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        ObjectProxy name = obj.attr("name");
        assertEquals(obj.objectId(), name.objectId());
        assertEquals(List.of("name"), name.attributes());
        assertEquals("published", name.undefer());
        assertEquals("published", name.getValue());
        assertEquals("published", obj.get("name"));
        ObjectProxy typo = obj.attr("nmae");
        RemoteCallException e = assertThrows(RemoteCallException.class, typo::undefer);
        assertTrue(e.summary().contains("did you mean 'name'?"), e.summary());
        ObjectProxy eager = obj.withDeferredAttributes(false);
        assertThrows(RemoteCallException.class, () -> eager.attr("nmae"));
        ObjectProxy list = obj.withDeferredAttributes(false).attr("received");
        assertTrue(list.attributes().isEmpty());
        assertEquals("java.util.ArrayList", list.typeName());
    }

    @Test
    void fieldsCanBeSetRemotely() {
        ObjectProxy obj = (ObjectProxy) client.get("my_object");
        obj.set("counter", 41L);
        assertEquals(41, service.counter);
        assertEquals(41, obj.get("counter"));
    }

    @Test
    void objectsCanBeCreatedAndDeleted() {
        ObjectProxy cls = (ObjectProxy) client.get("test_class");
        String name = "obj2-" + System.nanoTime();
        ObjectProxy created = (ObjectProxy) cls.call(name);
        assertTrue(TestService.LIVE.contains(name));
        int live = server.liveObjectCount();
        created.delete();
        assertEquals(live - 1, server.liveObjectCount());
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> created.invoke("add", 1, 2));
        assertEquals("UnknownObjectException", e.remoteType());
        RpcTestSupport.gcUntil("the deleted object is collected in the server", java.time.Duration.ofSeconds(20),
                () -> !TestService.LIVE.contains(name));
    }

    @Test
    void unreachableProxiesReleaseTheirObjects() {
        int baseline = server.liveObjectCount();
        ObjectProxy cls = (ObjectProxy) client.get("test_class");
        List<Object> held = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(cls.call("temp" + i));
        }
        assertEquals(baseline + 21, server.liveObjectCount());
        held.clear();
        RpcTestSupport.gcUntil("the server releases the 20 objects", java.time.Duration.ofSeconds(30),
                () -> server.liveObjectCount() <= baseline + 1);
    }

    @Test
    void aProxyReachableOnlyThroughItsRunningCallIsNotReleasedUnderIt() throws Exception {
        ObjectProxy cls = (ObjectProxy) client.get("test_class");
        ObjectProxy busy = (ObjectProxy) client.get("my_object");
        java.util.concurrent.atomic.AtomicReference<ObjectProxy> only =
                new java.util.concurrent.atomic.AtomicReference<>((ObjectProxy) cls.call("temp"));
        // the server is busy for longer than the release delay, so the call below waits in its queue
        RpcFuture<Object> blocker = busy.invokeAsync("sleepThenReturn", 2.0, "first");
        java.util.concurrent.CompletableFuture<Object> call = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> only.getAndSet(null).invoke("add", 1, 2));
        while (!blocker.isDone()) {
            System.gc(); // the proxy is unreachable but for the waiting call: its release must wait for the reply
            try {
                blocker.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // still busy
            }
        }
        assertEquals(3, call.get(30, TimeUnit.SECONDS));
    }

    @Test
    void keptAliveProxiesAreNotReleased() {
        ObjectProxy cls = (ObjectProxy) client.get("test_class");
        int baseline = server.liveObjectCount();
        ((ObjectProxy) cls.call("kept")).keepAlive();
        ObjectProxy marker = (ObjectProxy) cls.call("released");
        long markerId = marker.objectId();
        marker = null;
        RpcTestSupport.gcUntil("the unkept object is released", java.time.Duration.ofSeconds(30),
                () -> server.liveObjectCount() == baseline + 1);
        assertFalse(markerId < 0);
    }

    @Test
    void typedViewsForwardInterfaceCalls() {
        ObjectProxy map = (ObjectProxy) client.importModule("java.util.LinkedHashMap").call();
        @SuppressWarnings("unchecked")
        Map<String, Object> view = map.as(Map.class);
        view.put("a", 1);
        view.put("b", 2);
        assertEquals(2, view.size());
        assertEquals(1, view.get("a"));
        assertTrue(view.containsKey("b"));
        assertEquals(5, view.getOrDefault("missing", 5));
        assertEquals(Set.of("a", "b"), view.keySet().stream().collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, view.remove("a"));
        assertEquals(1, view.size());
        ObjectProxy list = (ObjectProxy) client.importModule("java.util.ArrayList").call();
        @SuppressWarnings("unchecked")
        List<Object> lv = list.as(List.class);
        lv.add(10);
        lv.add(20);
        lv.add(0, 5);
        assertEquals(List.of(5, 10, 20), list.getValue());
        assertEquals(Integer.valueOf(10), lv.remove(1));
        assertTrue(lv.remove((Object) 20));
        assertEquals(List.of(5), list.getValue());
        assertTrue(view.toString().contains("view as Map"));
        IllegalArgumentException notIface = assertThrows(IllegalArgumentException.class, () -> list.as(String.class));
        assertEquals("java.lang.String is not an interface; typed views implement interfaces (e.g. java.util.Map,"
                + " java.util.function.Function)", notIface.getMessage());
    }

    @Test
    void transferCopiesAValueIntoTheServer() {
        ObjectProxy arr = client.transfer(new float[10]);
        assertEquals("float[]", arr.typeName());
        assertEquals(10, arr.size());
        assertSame(ObjectProxy.class, arr.getClass());
    }

    @Test
    void importsReachClassesPackagesAndStaticMembers() {
        ObjectProxy system = client.importModule("java.lang.System");
        assertEquals("class java.lang.System", system.typeName());
        assertEquals(System.getProperty("java.version"), system.invoke("getProperty", "java.version"));
        ObjectProxy util = client.importModule("java.util");
        assertEquals("package java.util", util.typeName());
        ObjectProxy al = util.attr("ArrayList");
        assertEquals(0, ((ObjectProxy) al.call()).size());
        ObjectProxy entry = client.importModule("java.util.Map$Entry");
        assertEquals("class java.util.Map$Entry", entry.typeName());
        assertEquals(Math.PI, client.importModule("java.lang.Math").get("PI"));
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> client.importModule("java.utill"));
        assertTrue(e.summary().contains("no class or package named 'java.utill'"), e.summary());
    }

    @Test
    void clockOffsetIsSmallForTheSameMachine() {
        ClockOffset offset = client.measureClockOffset(5);
        assertTrue(Math.abs(offset.offsetSeconds()) < 1.0, offset.toString());
        assertTrue(offset.roundTripSeconds() >= 0, offset.toString());
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The process's shared client per address, when the server at that address goes and another comes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedClientTest {
    @Test
    void aServerBoundAtTheAddressOfAClosedOneIsReachedByAFreshSharedClient() {
        String address;
        ObjectProxy old;
        RpcClient first;
        try (RpcServer a = RpcServer.builder().name("shared-a").build().start()) {
            address = a.address();
            a.publish("svc", new TestService("a"));
            first = RpcClient.connect(address);
            old = (ObjectProxy) first.get("svc");
            assertEquals("x", old.invoke("echo", "x"));
        }
        // the client reads the server's notice (its I/O thread may still be reading it when a call fails)
        assertThrows(ServerDisconnectedException.class, () -> old.invoke("echo", "x"));
        RpcTestSupport.awaitCondition("the client has read the closed server's notice", java.time.Duration.ofSeconds(30),
                first::isDisconnected);
        // ports are reused: a new server at the same address is another server
        try (RpcServer b = RpcServer.builder().name("shared-b").address(address).build().start()) {
            b.publish("svc", new TestService("b"));
            RpcClient second = RpcClient.connect(address);
            assertNotSame(first, second);
            assertEquals("x", ((ObjectProxy) second.get("svc")).invoke("echo", "x"));
            assertThrows(ServerDisconnectedException.class, () -> old.invoke("echo", "x"),
                    "a proxy of the closed server never reaches the new one");
            assertEquals(second, RpcClient.connect(address), "the fresh client is the shared one now");
        }
    }

    /**
     * The case met in a full run: the shared client still holds, unread, the notice of a server that
     * closed (a test earlier on this thread) when a new server binds the same port; connect() reads
     * the notice and hands out a fresh client.
     */
    @Test
    void anUnreadNoticeOfAClosedServerDoesNotFailTheFirstCallToTheNextOne() {
        String address;
        RpcClient first;
        try (RpcServer a = RpcServer.builder().name("unread-a").build().start()) {
            address = a.address();
            a.publish("svc", new TestService("a"));
            first = RpcClient.connect(address);
            assertEquals("x", ((ObjectProxy) first.get("svc")).invoke("echo", "x"));
            // looks for notices while there are none: this thread's connection has nothing to read now,
            // so the notice sent at close must be found by a real check, not a flag left from a reply
            assertEquals(first, RpcClient.connect(address));
        }
        try (RpcServer b = RpcServer.builder().name("unread-b").address(address).build().start()) {
            b.publish("svc", new TestService("b"));
            RpcClient second = RpcClient.connect(address);
            assertNotSame(first, second, "the client of the closed server is not handed out again");
            assertEquals("y", ((ObjectProxy) second.get("svc")).invoke("echo", "y"));
        }
    }

    /**
     * A shared client whose server has gone keeps failing its proxies with the server's notice, but
     * ends its I/O thread and closes its sockets: a daemon kept one idle thread and selector per
     * dead child it had held leases in.
     */
    @Test
    void aSharedClientOfAClosedServerHoldsNoThreadOrSocket() throws Exception {
        RpcClient client;
        ObjectProxy proxy;
        try (RpcServer a = RpcServer.builder().name("freed-a").build().start()) {
            a.publish("svc", new TestService("a"));
            client = RpcClient.connect(a.address());
            proxy = (ObjectProxy) client.get("svc");
            assertEquals("x", proxy.invoke("echo", "x"));
            // an asynchronous call starts the client's I/O thread
            assertEquals("y", proxy.invokeAsync("echo", "y").get(30, TimeUnit.SECONDS));
            assertTrue(client.holdsResources(), "the client works through an I/O thread and a channel");
        }
        RpcTestSupport.awaitCondition("the client has read the closed server's notice", java.time.Duration.ofSeconds(30),
                client::isDisconnected);
        RpcTestSupport.awaitCondition("the client has ended its I/O thread and closed its channels",
                java.time.Duration.ofSeconds(30), () -> !client.holdsResources());
        ServerDisconnectedException e = assertThrows(ServerDisconnectedException.class, () -> proxy.invoke("echo", "z"));
        assertTrue(e.getMessage().contains(client.address()), e.getMessage());
        assertFalse(client.holdsResources(), "a failed call opens nothing again");
    }
}

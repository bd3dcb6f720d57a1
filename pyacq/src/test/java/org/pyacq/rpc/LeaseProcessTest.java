package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.ZmqRuntime;
import org.pyacq.wire.Reply;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Leases with real client processes and a short lease time (docs/LIFETIME.md): a killed client's
 * references go away, a suspended one gets a clear error, callbacks held by a killed process are
 * released, a stock-protocol client's references stay, and published objects survive.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LeaseProcessTest {
    private static final Duration LEASE = Duration.ofSeconds(3);

    /** A JVM running {@link LeaseClientMain}. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintWriter in;

        Child(String... args) throws Exception {
            List<String> cmd = new java.util.ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"), LeaseClientMain.class.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** The next line that starts with {@code prefix} (other lines are log output). */
        String await(String prefix) throws Exception {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    String l;
                    while ((l = out.readLine()) != null) {
                        if (l.startsWith(prefix)) {
                            return l;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String l = line.get(90, TimeUnit.SECONDS);
            assertNotNull(l, "the child ended before printing " + prefix);
            return l;
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " failed");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static RpcServer server(String name) {
        return RpcServer.builder().name(name).leaseTime(LEASE).build().start();
    }

    @Test
    void theReferencesOfAClientKilledWithSigkillAreDroppedAndPublishedObjectsSurvive() throws Exception {
        try (RpcServer server = server("lease-kill")) {
            server.publish("svc", new TestService("svc"));
            int objects = server.liveObjectCount();
            int refs = server.referenceCount();
            try (Child child = new Child("client", server.address(), "20")) {
                assertEquals("READY 21", child.await("READY"));
                assertTrue(server.referenceCount() >= refs + 22, server.statistics().toString());
                assertEquals(1, server.statistics().leases(), server.statistics().toString());
                child.process.destroyForcibly();   // SIGKILL: no release, no goodbye
                assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            }
            RpcTestSupport.awaitCondition("the killed client's lease expired", Duration.ofSeconds(60),
                    () -> server.referenceCount() == refs && server.liveObjectCount() == objects);
            ServerStatistics stats = server.statistics();
            assertEquals(0, stats.leases(), stats.toString());
            assertTrue(stats.expiredReferences() >= 22, stats.toString());
            RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults());
            try {
                assertEquals("svc", ((ObjectProxy) client.get("svc")).get("name"), "the published object survived");
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aClientSuspendedPastItsLeaseGetsAClearErrorWhenResumed() throws Exception {
        try (RpcServer server = server("lease-stop")) {
            server.publish("svc", new TestService("svc"));
            try (Child child = new Child("client", server.address(), "3")) {
                assertEquals("READY 4", child.await("READY"));
                child.in.println("use");
                assertEquals("OK", child.await("OK"));
                child.signal("STOP");
                try {
                    RpcTestSupport.awaitCondition("the suspended client's lease expired", Duration.ofSeconds(60),
                            () -> server.statistics().expiredReferences() >= 5);
                } finally {
                    child.signal("CONT");
                }
                child.in.println("use");
                String error = child.await("ERROR");
                assertTrue(error.contains("LeaseExpiredException"), error);
                assertTrue(error.contains("lease time 3.0 s"), error);
                assertTrue(error.contains("expired at 20"), error);   // an ISO instant
                assertTrue(error.contains("java.util.ArrayList") || error.contains("TestService"), error);
                assertTrue(error.contains(server.address()), error);
            }
        }
    }

    @Test
    void aCallbackHeldByAKilledProcessIsReleased() throws Exception {
        try (RpcServer callbacks = server("lease-callbacks");
                Child holder = new Child("holder");
                RpcClient holderClient = RpcClient.open(holder.await("ADDRESS").substring("ADDRESS ".length()),
                        ClientOptions.defaults())) {
            int before = callbacks.referenceCount();
            CompletableFuture<Object> done = new CompletableFuture<>();
            // from the callbacks server's own thread, so that it is the one exporting the callback
            callbacks.loop().post(() -> {
                try {
                    // a client of its own: the shared one for this address may be a stale client of an
                    // earlier test's server that had the same port and closed (see RpcClient.connect)
                    ObjectProxy svc = (ObjectProxy) holderClient.get("svc");
                    Runnable callback = () -> { };
                    svc.invoke("remember", callback);
                    done.complete(svc.invoke("typeOf", callback));
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            done.get(60, TimeUnit.SECONDS);
            RpcTestSupport.awaitCondition("the holder claimed the callback into its lease", Duration.ofSeconds(30),
                    () -> callbacks.statistics().leases() == 1 && callbacks.statistics().leasedReferences() >= 1);
            assertTrue(callbacks.referenceCount() > before, callbacks.statistics().toString());
            holder.process.destroyForcibly();
            assertTrue(holder.process.waitFor(30, TimeUnit.SECONDS));
            RpcTestSupport.awaitCondition("the killed holder's callbacks are released", Duration.ofSeconds(60),
                    () -> callbacks.referenceCount() == before);
            assertEquals(0, callbacks.liveObjectCount(), callbacks.statistics().toString());
        }
    }

    /** With an idle expiry, a stock client's references go once it has been silent that long. */
    @Test
    void aStockClientsReferencesGoAfterTheServersIdleExpiry() throws Exception {
        try (RpcServer server = RpcServer.builder().name("lease-idle").idleExpiry(Duration.ofSeconds(2)).build().start()) {
            server.publish("svc", new TestService("svc"));
            ZMQ.Socket raw = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                raw.setReceiveTimeOut(20_000);
                raw.setLinger(0);
                DefaultSecurity.get().applyToClient(raw);
                raw.connect(server.address());
                raw.send("1", ZMQ.SNDMORE);
                raw.send("get_item", ZMQ.SNDMORE);
                raw.send("proxy", ZMQ.SNDMORE);
                raw.send("msgpack", ZMQ.SNDMORE);
                raw.send(Serializers.MSGPACK.encodeToBytes(Map.of("name", "svc"), ValueMapper.PLAIN), 0);
                assertNotNull(raw.recv());
                assertEquals(1, server.referenceCount());
                RpcTestSupport.awaitCondition("the silent stock client's reference expired", Duration.ofSeconds(30),
                        () -> server.referenceCount() == 0);
                assertEquals(1, server.statistics().expiredReferences());
                assertTrue(server.published("svc").isPresent(), "published objects never expire");
            } finally {
                raw.close();
            }
        }
    }

    /** A client that does not speak leases (like stock pyacq): raw frames, an identity without the Java mark. */
    @Test
    void aStockProtocolClientsReferencesDoNotExpire() throws Exception {
        try (RpcServer server = server("lease-stock")) {
            server.publish("svc", new TestService("svc"));
            ZMQ.Socket raw = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                raw.setReceiveTimeOut(20_000);
                raw.setLinger(0);
                raw.setIdentity("host.4242.MainThread".getBytes(StandardCharsets.UTF_8));
                DefaultSecurity.get().applyToClient(raw);
                raw.connect(server.address());
                raw.send("1", ZMQ.SNDMORE);
                raw.send("get_item", ZMQ.SNDMORE);
                raw.send("proxy", ZMQ.SNDMORE);
                raw.send("msgpack", ZMQ.SNDMORE);
                raw.send(Serializers.MSGPACK.encodeToBytes(Map.of("name", "svc"), ValueMapper.PLAIN), 0);
                byte[] frame = raw.recv();
                assertNotNull(frame);
                Reply reply = Reply.fromWire(Serializers.MSGPACK.decode(ByteBuffer.wrap(frame), ValueMapper.PLAIN));
                assertTrue(reply.value() instanceof org.pyacq.wire.ProxyRef, String.valueOf(reply.value()));
                int stockRefs = server.referenceCount();
                // a Java client in another process whose lease expires: proof that the reaper ran past the lease time
                try (Child child = new Child("client", server.address(), "1")) {
                    assertEquals("READY 2", child.await("READY"));
                    child.process.destroyForcibly();
                }
                RpcTestSupport.awaitCondition("the Java client's lease expired", Duration.ofSeconds(60),
                        () -> server.statistics().expiredReferences() >= 3);
                assertEquals(stockRefs, server.referenceCount(), server.statistics().toString());
                assertEquals(0, server.statistics().leasedReferences());
            } finally {
                raw.close();
            }
        }
    }
}

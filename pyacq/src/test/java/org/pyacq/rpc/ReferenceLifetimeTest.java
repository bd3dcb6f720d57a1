package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lifetime rules of docs/LIFETIME.md against the interleavings that used to drop a reference
 * while a proxy for it was alive: a stale automatic release reaching a new server at the same
 * address, a proxy passed to a third process and sent back, and many threads receiving, passing on
 * and dropping proxies of the same objects under forced garbage collections.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReferenceLifetimeTest {

    /**
     * The failure seen as "no object with id 0 here; it was released" in the REPL tests: a proxy of
     * a daemon that was closed is collected after a new daemon bound the same port, and its
     * release reached the new daemon, naming the same (obj_id 0, ref_id) as the new daemon's first
     * proxy. ref_ids now start at a random base per server, so the stale release misses.
     */
    @Test
    void aStaleReleaseForAnEarlierServerAtTheSameAddressDoesNotReleaseANewOne() {
        RpcServer first = RpcServer.builder().name("first").build().start();
        String address = first.address();
        first.publish("svc", new TestService("first"));
        RpcClient old = RpcClient.open(address, ClientOptions.defaults());
        ObjectProxy stale = (ObjectProxy) old.get("svc");
        WeakReference<ObjectProxy> staleRef = new WeakReference<>(stale);
        assertEquals(0, stale.objectId());
        old.close();
        first.close();

        try (RpcServer second = bindAgain(address)) {
            second.publish("svc", new TestService("second"));
            RpcClient client = RpcClient.open(address, ClientOptions.defaults());
            try {
                ObjectProxy current = (ObjectProxy) client.get("svc");
                assertEquals(0, current.objectId());
                assertEquals(1, second.referenceCount());
                stale = null;
                RpcTestSupport.gcUntil("the stale proxy is collected", Duration.ofSeconds(20),
                        () -> staleRef.get() == null);
                // its release goes out a moment later; wait until the new server has seen it
                RpcTestSupport.awaitCondition("the stale release reached the new server", Duration.ofSeconds(20),
                        () -> second.statistics().rejectedReleases() > 0 || second.referenceCount() == 0);
                assertEquals(1, second.referenceCount(), "the stale release dropped the new server's reference");
                assertEquals("second", current.get("name"));
            } finally {
                client.close();
            }
        }
    }

    /**
     * A proxy to X's object, passed to S and sent back by S: the copy that comes back must stay
     * usable after the sender dropped its own proxy and S dropped the one it received.
     */
    @Test
    void aProxySentBackByAThirdProcessOutlivesTheOtherCopies() {
        try (RpcServer x = RpcServer.builder().name("x").build().start();
                RpcServer s = RpcServer.builder().name("s").build().start()) {
            x.publish("svc", new TestService("x"));
            s.publish("echo", new TestService("echo"));
            RpcClient toX = RpcClient.connect(x.address());
            RpcClient toS = RpcClient.connect(s.address());
            ObjectProxy echo = (ObjectProxy) toS.get("echo");
            ObjectProxy original = (ObjectProxy) toX.get("svc");
            ObjectProxy back = (ObjectProxy) echo.invoke("echo", original);
            assertEquals(original, back);
            WeakReference<ObjectProxy> originalRef = new WeakReference<>(original);
            original = null;
            RpcTestSupport.gcUntil("every copy but the one sent back is released", Duration.ofSeconds(30),
                    () -> originalRef.get() == null && x.referenceCount() <= 1);
            assertEquals("x", back.get("name"));
            assertEquals(1, x.referenceCount());
        }
    }

    /**
     * Many threads receive proxies of the same objects, pass them to a third server and back, send
     * them in fire-and-forget calls and drop them, while another thread forces garbage
     * collections, so releases are in flight while the same objects arrive again. No call may find
     * its object gone, and afterwards the servers' tables are back where they started.
     */
    @Test
    void manyThreadsReceivingPassingAndDroppingProxiesNeverLoseAnObject() throws Exception {
        try (RpcServer x = RpcServer.builder().name("hx").build().start();
                RpcServer s = RpcServer.builder().name("hs").build().start()) {
            for (int i = 0; i < 4; i++) {
                x.publish("svc" + i, new TestService("svc" + i));
            }
            s.publish("echo", new TestService("echo"));
            int baseX = x.referenceCount();
            int baseS = s.referenceCount();
            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<ObjectProxy> survivors = Collections.synchronizedList(new ArrayList<>());
            int threads = Integer.getInteger("hammer.threads", 8);
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            List<Future<Integer>> workers = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("hammer.seconds", 12));
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    RpcClient toX = RpcClient.connect(x.address());
                    ObjectProxy echo = (ObjectProxy) RpcClient.connect(s.address()).get("echo");
                    int calls = 0;
                    while (System.nanoTime() < end && failures.isEmpty()) {
                        String name = "svc" + rnd.nextInt(4);
                        try {
                            ObjectProxy p = (ObjectProxy) toX.get(name);
                            switch (Integer.getInteger("hammer.case", -1) >= 0 ? Integer.getInteger("hammer.case", -1) : rnd.nextInt(5)) {
                                case 0 -> {
                                    ObjectProxy back = (ObjectProxy) echo.invoke("echo", p);
                                    p = null;
                                    System.gc();
                                    assertEquals(name, back.get("name"));
                                }
                                case 1 -> echo.invokeOff("remember", p);
                                case 2 -> survivors.add(p);
                                case 3 -> assertEquals(name, p.attr("name").undefer());
                                default -> assertEquals(3, (int) p.invoke(Integer.class, "add", 1, 2));
                            }
                            if (rnd.nextInt(50) == 0 && !survivors.isEmpty()) {
                                ObjectProxy old = survivors.remove(rnd.nextInt(survivors.size()));
                                assertTrue(String.valueOf(old.get("name")).startsWith("svc"));
                            }
                            calls++;
                        } catch (Throwable e) {
                            failures.add(new AssertionError("call on " + name + " failed", e));
                        }
                    }
                    // a round trip on this thread's socket: its fire-and-forget calls before it are done
                    echo.invoke("add", 1, 2);
                    return calls;
                }));
            }
            pool.submit(() -> {
                while (System.nanoTime() < end && failures.isEmpty()) {
                    System.gc();
                    Thread.sleep(20);   // pacing of the GC pressure, not synchronisation
                }
                return null;
            });
            int total = 0;
            for (Future<Integer> w : workers) {
                total += w.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError(failures.size() + " call(s) failed; first: " + failures.peek());
                failures.forEach(e::addSuppressed);
                throw e;
            }
            assertTrue(total > 100, "only " + total + " calls ran");
            useAndDrop(survivors);
            // what the echo service remembered holds proxies too; forget them
            forgetRemembered(s);
            try {
                RpcTestSupport.gcUntil("the tables are back where they started", Duration.ofSeconds(40),
                        () -> x.referenceCount() == baseX && s.referenceCount() <= baseS + 1);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; x: " + x.statistics() + "; s: " + s.statistics(), e);
            }
            assertEquals(0, x.statistics().rejectedReleases(), "some release named a reference twice");
        }
    }

    /** A new server at {@code address}, once the closed one's port is free again. */
    private static RpcServer bindAgain(String address) {
        RpcServer[] bound = new RpcServer[1];
        RpcTestSupport.awaitCondition("the port of the closed server is free again", Duration.ofSeconds(30), () -> {
            try {
                bound[0] = RpcServer.builder().name("second").address(address).build().start();
                return true;
            } catch (org.pyacq.transport.TransportException e) {
                return false;
            }
        });
        return bound[0];
    }

    /** Uses every kept proxy once more, then drops them all (in a frame of its own, so none stays reachable). */
    private static void useAndDrop(List<ObjectProxy> survivors) {
        for (ObjectProxy p : new ArrayList<>(survivors)) {
            assertTrue(String.valueOf(p.get("name")).startsWith("svc"));
        }
        survivors.clear();
    }

    private static void forgetRemembered(RpcServer s) {
        ((ObjectProxy) RpcClient.connect(s.address()).get("echo")).attr("received").invoke("clear");
    }
}

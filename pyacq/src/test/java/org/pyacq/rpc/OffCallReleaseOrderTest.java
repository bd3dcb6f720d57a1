package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pyacq.testing.Await;
import org.pyacq.transport.PathChoice;

/**
 * A proxy named in a fire-and-forget request and dropped right after: its automatic release goes
 * out on another connection (the client's reactor) about a second later, and a server busy for
 * longer than that reads its connections in turn, so without a guard the release overtook the
 * request and the object was gone when the request ran ("no object with id ..."). The channel now
 * keeps such proxies until a reply shows the server has read the request (docs/LIFETIME.md).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OffCallReleaseOrderTest {
    /** Served object: a slow method to keep the server busy, and one that notes what it was given. */
    public static final class Recorder {
        private final List<String> taken = new ArrayList<>();

        public void slow(double seconds) throws InterruptedException {
            Thread.sleep((long) (seconds * 1000));
        }

        public void take(Object o) {
            taken.add(o.getClass().getName());
        }

        public List<String> taken() {
            return List.copyOf(taken);
        }
    }

    @ParameterizedTest
    @EnumSource(value = PathChoice.class, names = {"ZEROMQ", "LOCAL"})
    void aProxyDroppedRightAfterAFireAndForgetCallOutlivesTheCall(PathChoice path) {
        try (RpcServer server = RpcServer.builder().name("off-order-" + path).build().start();
                RpcClient client = RpcClient.open(server.address(), ClientOptions.builder().path(path).build())) {
            server.publish("rec", new Recorder());
            ObjectProxy recorder = (ObjectProxy) client.get("rec");
            int before = server.liveObjectCount();
            WeakReference<ObjectProxy> sent = sendAndDrop(client, recorder);
            // give the collector the chance the release needs to overtake the request (the server is
            // busy for 2.5 s; an unguarded release would leave about a second after collection)
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (sent.get() != null && System.nanoTime() - end < 0) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(List.of("java.lang.Object"), recorder.invoke("taken"),
                    "the request ran with its object (" + path + ")");
            // and once the server has read it, the dropped proxy is released as usual
            Await.until("the dropped proxy's object is released", Duration.ofSeconds(30), () -> {
                System.gc();
                return server.liveObjectCount() == before;
            });
        }
    }

    /**
     * The same from a thread that ends right after: its connection is closed by the next thread that
     * opens one on the client, which first lets the server read the pending request. (Without that
     * wait this passed too in three runs here: a regression check, not a reproduction.)
     */
    @ParameterizedTest
    @EnumSource(value = PathChoice.class, names = {"ZEROMQ", "LOCAL"})
    void aFireAndForgetCallOfAThreadThatEndedStillFindsItsObject(PathChoice path) throws Exception {
        try (RpcServer server = RpcServer.builder().name("off-ended-" + path).build().start();
                RpcClient client = RpcClient.open(server.address(), ClientOptions.builder().path(path).build())) {
            server.publish("rec", new Recorder());
            ObjectProxy recorder = (ObjectProxy) client.get("rec");
            int before = server.liveObjectCount();
            AtomicReference<WeakReference<ObjectProxy>> sent = new AtomicReference<>();
            Thread sender = new Thread(() -> sent.set(sendAndDrop(client, recorder)), "off-sender");
            sender.start();
            sender.join(TimeUnit.SECONDS.toMillis(30));
            // a new thread's first request (one that does not wait) sweeps the ended thread's connection
            Thread next = new Thread(() -> recorder.invokeOff("toString"), "off-next");
            next.start();
            next.join(TimeUnit.SECONDS.toMillis(30));
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (sent.get().get() != null && System.nanoTime() - end < 0) {
                System.gc();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(List.of("java.lang.Object"), recorder.invoke("taken"),
                    "the request of the ended thread ran with its object (" + path + ")");
            Await.until("the dropped proxy's object is released", Duration.ofSeconds(30), () -> {
                System.gc();
                return server.liveObjectCount() == before;
            });
        }
    }

    /** Sends {@code take(a fresh object)} without waiting, behind a slow call; the proxy is dropped on return. */
    private static WeakReference<ObjectProxy> sendAndDrop(RpcClient client, ObjectProxy recorder) {
        ObjectProxy fresh = (ObjectProxy) client.importModule("java.lang.Object").call();
        // on the reactor's connection, the one releases take: the server, reading it last, reads that
        // connection first again when it is done (JeroMQ's fair queue), where the release then waits
        recorder.invokeAsync("slow", 2.5);
        recorder.invokeOff("take", fresh);
        return new WeakReference<>(fresh);
    }
}

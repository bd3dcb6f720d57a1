package org.pyacq.rpc;

import java.lang.ref.Cleaner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pyacq.wire.ProxyRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote reference (obj_id, ref_id), shared by a proxy and every proxy derived from it. When
 * it becomes unreachable and this process owns it, a background {@code delete} releases it in
 * the server, so long sessions do not pile up objects there. The release waits a moment first:
 * it travels on another socket than the calls, and must not overtake a fire-and-forget call (or a
 * call that passed the proxy as an argument) sent just before the proxy became unreachable.
 */
final class RemoteReference {
    private static final Logger log = LoggerFactory.getLogger(RemoteReference.class);
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "pyacq-proxy-release");
        t.setDaemon(true);
        return t;
    });
    /** How long a release waits after its proxy became unreachable. */
    static final long RELEASE_DELAY_MILLIS = 1000;
    private static final ScheduledExecutorService DELAYED = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pyacq-proxy-release-delay");
        t.setDaemon(true);
        return t;
    });

    private final String address;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private volatile RpcClient client;

    /** The cleaning action; it must not refer to the reference or its proxies. */
    private static final class Release implements Runnable {
        private final String address;
        private final long objId;
        private final long refId;
        private final RpcClient client;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean enabled = true;

        Release(String address, long objId, long refId, RpcClient client) {
            this.address = address;
            this.objId = objId;
            this.refId = refId;
            this.client = client;
        }

        /** Cleaner action: the proxy became unreachable; release a moment later. */
        @Override
        public void run() {
            if (!enabled || !released.compareAndSet(false, true)) {
                return;
            }
            DELAYED.schedule(this::release, RELEASE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void release() {
            try {
                if (client != null && (client.isRetired() || !client.isClosed() && client.isDisconnected())) {
                    return;   // its server went away, and every reference it held with it
                }
                RpcClient c = client != null && !client.isClosed() ? client : RpcClient.connect(address);
                c.releaseLater(objId, refId);
            } catch (RuntimeException e) {
                log.debug("could not release object {} ref {} at {}", objId, refId, address, e);
            }
        }
    }

    RemoteReference(ProxyRef ref, RpcClient client, boolean owned) {
        this.address = ref.rpcAddr();
        this.client = client;
        if (owned) {
            this.release = new Release(ref.rpcAddr(), ref.objId(), ref.refId(), client);
            this.cleanable = CLEANER.register(this, release);
        } else {
            this.release = null;
            this.cleanable = null;
        }
    }

    RpcClient client() {
        RpcClient c = client;
        if (c == null || c.isClosed() && !c.isRetired()) {   // a retired client's server is gone: keep failing
            c = RpcClient.connect(address);
            client = c;
        }
        return c;
    }

    /** Marks the reference as released by hand; false if it already was. */
    boolean markReleased() {
        if (release == null) {
            return true;
        }
        boolean first = release.released.compareAndSet(false, true);
        cleanable.clean();
        return first;
    }

    void keepAlive() {
        if (release != null) {
            release.enabled = false;
        }
    }
}

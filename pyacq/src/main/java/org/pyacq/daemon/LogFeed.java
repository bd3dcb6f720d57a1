package org.pyacq.daemon;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pyacq.transport.Publisher;
import org.pyacq.transport.TransportSecurity;

/**
 * Re-publishes log records on a PUB socket for clients that follow the log ({@code pyacq logs -f}).
 * The socket belongs to this feed's thread; records reach it through a bounded queue, and are
 * dropped (counted) rather than ever blocking the process that logs.
 */
final class LogFeed implements AutoCloseable {
    private static final byte[] STOP = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final String address;

    LogFeed(String bindAddress, TransportSecurity security, boolean allowInsecureRemote) throws InterruptedException {
        String[] bound = new String[1];
        RuntimeException[] failure = new RuntimeException[1];
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        thread = new Thread(() -> {
            Publisher pub;
            try {
                pub = Publisher.bind(bindAddress, security, allowInsecureRemote);
                bound[0] = pub.endpoint();
            } catch (RuntimeException e) {
                failure[0] = e;
                ready.countDown();
                return;
            }
            ready.countDown();
            try {
                while (true) {
                    byte[] record = queue.take();
                    if (record == STOP) {
                        break;
                    }
                    pub.publish(record);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pub.close();
            }
        }, "pyacq-log-feed");
        thread.setDaemon(true);
        thread.start();
        if (!ready.await(30, TimeUnit.SECONDS)) {
            thread.interrupt();
            throw new DaemonException("the log feed did not bind " + bindAddress + " within 30 s");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        this.address = bound[0];
    }

    String address() {
        return address;
    }

    void publish(byte[] record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void close() {
        queue.clear();
        queue.offer(STOP);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

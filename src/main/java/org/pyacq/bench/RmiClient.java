package org.pyacq.bench;

import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java RMI baseline, through the registry's stub. RMI calls are synchronous only, so its
 * pipelined line runs a fixed pool of threads, each making synchronous calls back to back.
 */
final class RmiClient implements TransportClient {
    private final RmiBench stub;
    private final String address;
    private final int threads;
    private final int echoLength;
    private final long timeoutNanos;
    private final ExecutorService pool;
    private double[] payload;

    RmiClient(String address, BenchOptions options) {
        this.address = address;
        this.threads = options.rmiThreads();
        this.echoLength = options.echoBytes() / Double.BYTES;
        this.timeoutNanos = options.callTimeout().toNanos();
        int colon = address.lastIndexOf(':');
        try {
            Registry registry = LocateRegistry.getRegistry(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)));
            this.stub = (RmiBench) registry.lookup(RmiHost.NAME);
        } catch (RemoteException | NotBoundException | RuntimeException e) {
            throw new BenchException("cannot get the RMI service '" + RmiHost.NAME + "' from the registry at "
                    + address + ": " + e, e);
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-rmi-caller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Transport transport() {
        return Transport.RMI;
    }

    @Override
    public void ping() {
        String r = call(stub::ping);
        if (!"pong".equals(r)) {
            throw new BenchException("RMI ping answered " + r);
        }
    }

    @Override
    public void add(int a, int b) {
        int r = call(() -> stub.add(a, b));
        if (r != a + b) {
            throw new BenchException("RMI add(" + a + ", " + b + ") returned " + r);
        }
    }

    @Override
    public long pipeline(long nanos) {
        long stopIssuing = System.nanoTime() + nanos;
        List<Future<Long>> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                long n = 0;
                do {
                    add((int) (n & 0xFFFF), 1);
                    n++;
                } while (System.nanoTime() < stopIssuing);
                return n;
            }));
        }
        long total = 0;
        long deadline = stopIssuing + timeoutNanos;
        for (Future<Long> w : workers) {
            try {
                total += w.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof BenchException b ? b
                        : new BenchException("a pipelined RMI call failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new BenchException("pipelined RMI calls to " + address + " had not finished at the deadline");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted while waiting for pipelined RMI calls", e);
            }
        }
        return total;
    }

    @Override
    public void echoImage() {
        if (image == null) {
            image = Payloads.image();
        }
        Payloads.checkImage(image, call(() -> stub.echoImage(image)), transport());
    }

    private short[] image;

    @Override
    public void echo() {
        if (payload == null) {
            payload = Payloads.doubles(echoLength);
        }
        Payloads.checkEcho(payload, call(() -> stub.echo(payload)), transport());
    }

    @Override
    public String pipelineNote() {
        return threads + " threads making synchronous calls (RMI has no asynchronous calls)";
    }

    @Override
    public void close() {
        // RMI callers are plain blocking threads (no JeroMQ): shutting the pool down is enough
        pool.shutdown();
    }

    private interface RemoteCall<T> {
        T run() throws RemoteException;
    }

    private <T> T call(RemoteCall<T> c) {
        try {
            return c.run();
        } catch (RemoteException e) {
            throw new BenchException("RMI call to " + address + " failed: " + e, e);
        }
    }
}

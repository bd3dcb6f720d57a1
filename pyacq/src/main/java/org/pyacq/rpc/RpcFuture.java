package org.pyacq.rpc;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of an asynchronous call. Completes when the reply arrives, when the call times out
 * ({@link RpcTimeoutException}) or when the server disconnects ({@link ServerDisconnectedException}).
 *
 * <pre>{@code
 * RpcFuture<Object> f = list.invokeAsync("size");
 * int n = (Integer) f.result();          // waits up to the call's timeout, throws RpcException directly
 * f.thenAccept(v -> System.out.println(v));  // callbacks run on the client's I/O thread: keep them short
 * }</pre>
 *
 * <p>Waiting on a server's own thread keeps that server answering its requests meanwhile.
 * Cancelling only stops waiting here; the server still runs the call.
 *
 * @param <T> the result type
 */
public class RpcFuture<T> extends CompletableFuture<T> {
    private final String address;
    private final String action;
    private final long reqId;
    private final Duration timeout;

    RpcFuture(String address, String action, long reqId, Duration timeout) {
        this.address = address;
        this.action = action;
        this.reqId = reqId;
        this.timeout = timeout;
    }

    /** The server the call went to. */
    public String address() {
        return address;
    }

    /** The request id on the wire. */
    public long reqId() {
        return reqId;
    }

    /**
     * Waits for the result (at most the call's timeout, which completes the future anyway) and
     * returns it, throwing the call's {@link RpcException} itself rather than a wrapper.
     */
    public T result() {
        return result(timeout.plusSeconds(1));
    }

    /** Like {@link #result()}, waiting at most {@code wait}. */
    public T result(Duration wait) {
        try {
            return get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new RpcTimeoutException(address, action, reqId, wait, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException("interrupted while waiting for " + action + " [" + reqId + "] on " + address, e);
        } catch (CancellationException e) {
            throw new RpcException(action + " [" + reqId + "] on " + address + " was cancelled", e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        return new RpcException(String.valueOf(cause), cause);
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return get(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("unreachable", e);
        }
    }

    @Override
    public T get(long time, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone()) {
            ClientReactor.checkNotOnReactorThread(this);
            RpcServer server = ServerRegistry.current();
            if (server != null) {
                server.loop().serveUntil(this, unit.toNanos(time));
            }
        }
        return super.get(time, unit);
    }

    @Override
    public T join() {
        if (!isDone()) {
            ClientReactor.checkNotOnReactorThread(this);
            RpcServer server = ServerRegistry.current();
            if (server != null) {
                server.loop().serveUntil(this, Long.MAX_VALUE);
            }
        }
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    @Override
    public String toString() {
        return "RpcFuture[" + action + " [" + reqId + "] on " + address + ", "
                + (isDone() ? (isCompletedExceptionally() ? "failed" : "done") : "pending") + "]";
    }
}

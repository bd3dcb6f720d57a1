package org.pyacq.rpc;

/** How a call waits for its result. */
public enum SyncMode {
    /** Block until the result arrives (or the timeout passes). */
    SYNC,
    /** Return an {@link RpcFuture} at once. */
    ASYNC,
    /** Send and forget: no reply is sent; errors are logged by the server. */
    OFF
}

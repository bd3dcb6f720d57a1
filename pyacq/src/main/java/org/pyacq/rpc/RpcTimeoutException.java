package org.pyacq.rpc;

import java.time.Duration;
import java.util.Locale;

/** No reply came within the call's timeout. The server may still be working on the request. */
public class RpcTimeoutException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String address;
    private final String action;
    private final long reqId;
    private final Duration timeout;

    public RpcTimeoutException(String address, String action, long reqId, Duration timeout, int pending) {
        super("no reply from " + address + " to " + action + " [" + reqId + "] within "
                + RpcTimeoutException.format(timeout) + " (" + pending + " call" + (pending == 1 ? "" : "s")
                + " pending on this connection); the server may be busy or stuck: raise the timeout"
                + " or check the server's log");
        this.address = address;
        this.action = action;
        this.reqId = reqId;
        this.timeout = timeout;
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    public String address() {
        return address;
    }

    public String action() {
        return action;
    }

    public long reqId() {
        return reqId;
    }

    public Duration timeout() {
        return timeout;
    }
}

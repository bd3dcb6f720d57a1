package org.pyacq.rpc;

import java.time.Duration;
import java.util.Objects;
import org.pyacq.wire.ReturnType;

/**
 * How an {@link ObjectProxy} makes its calls. Immutable; change it with the proxy's
 * {@code with...} methods, which return a new proxy to the same object.
 *
 * @param syncMode how {@link ObjectProxy#call} waits (default {@link SyncMode#SYNC})
 * @param timeout how long to wait for a reply (default: the client's)
 * @param returnType how results come back (default {@link ReturnType#AUTO})
 * @param deferAttributes whether {@link ObjectProxy#attr} returns a proxy without asking the server (default true)
 */
public record ProxyOptions(SyncMode syncMode, Duration timeout, ReturnType returnType, boolean deferAttributes) {

    public ProxyOptions {
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(returnType, "returnType");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    static ProxyOptions defaults(Duration timeout) {
        return new ProxyOptions(SyncMode.SYNC, timeout, ReturnType.AUTO, true);
    }
}

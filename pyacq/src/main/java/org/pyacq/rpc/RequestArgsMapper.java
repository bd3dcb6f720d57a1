package org.pyacq.rpc;

import java.lang.reflect.Proxy;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.ProxyRef;

/**
 * How a client encodes request options. A proxy to the destination server goes as it is (the
 * server turns it back into its object). A proxy to another server gets a fresh reference of its
 * own, which the receiver owns, so that neither holder can release the other's. Any other object
 * the wire cannot carry (a lambda, a service) is exported by this process's callback server and
 * sent by reference.
 */
final class RequestArgsMapper implements ValueMapper {
    private final RpcClient client;

    RequestArgsMapper(RpcClient client) {
        this.client = client;
    }

    @Override
    public Object replace(Object value) {
        if (value instanceof Proxy && Proxy.getInvocationHandler(value) instanceof TypedView view) {
            value = view.target();
        }
        if (value instanceof ObjectProxy p) {
            if (p.address().equals(client.address())) {
                return p.ref();
            }
            return p.client().mint(p, ClientLeases.isLeased(client.address()));
        }
        RpcServer local = RpcServer.local();
        // The destination claims a callback into its lease if it keeps leases; else it lives until deleted.
        return ClientLeases.isLeased(client.address()) ? local.exportForTransfer(value) : local.exportUnleased(value);
    }

    @Override
    public Object resolve(ProxyRef ref) {
        return ref;
    }
}

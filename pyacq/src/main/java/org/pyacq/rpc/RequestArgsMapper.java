package org.pyacq.rpc;

import java.lang.reflect.Proxy;
import java.util.List;
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
        return replace(value, null);
    }

    /** This mapper for one request, which also notes the proxies of the destination server it names. */
    Noting noting() {
        return new Noting();
    }

    /**
     * {@link RequestArgsMapper} for one request, noting each proxy of the destination server that it
     * sends as it is: the request then names that proxy's own reference, which must outlive the
     * request's arrival (see {@link Channel}).
     */
    final class Noting implements ValueMapper {
        private List<ObjectProxy> named;

        @Override
        public Object replace(Object value) {
            if (named == null) {
                named = new java.util.ArrayList<>(2);
            }
            return RequestArgsMapper.this.replace(value, named);
        }

        @Override
        public Object resolve(ProxyRef ref) {
            return RequestArgsMapper.this.resolve(ref);
        }

        /** The proxies of the destination server named so far (empty when none). */
        List<ObjectProxy> named() {
            return named == null ? List.of() : named;
        }
    }

    private Object replace(Object value, List<ObjectProxy> sent) {
        if (value instanceof Proxy && Proxy.getInvocationHandler(value) instanceof TypedView view) {
            value = view.target();
        }
        if (value instanceof ObjectProxy p) {
            if (p.address().equals(client.address())) {
                if (sent != null) {
                    sent.add(p);
                }
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

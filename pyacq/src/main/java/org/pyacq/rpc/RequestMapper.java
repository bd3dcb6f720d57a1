package org.pyacq.rpc;

import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.ValueMapper;

/**
 * How a server decodes the options of a request: a proxy to one of its own objects becomes that
 * object (after walking its attributes); a proxy to another server stays a proxy, which this
 * process releases when done with it only if a Java peer sent it (Java peers send each proxy with
 * a reference of its own; Python pyacq peers share theirs).
 */
final class RequestMapper implements ValueMapper {
    private final RpcServer server;
    private final boolean ownsForeignProxies;

    RequestMapper(RpcServer server, boolean fromJavaPeer) {
        this.server = server;
        this.ownsForeignProxies = fromJavaPeer;
    }

    @Override
    public Object replace(Object value) {
        throw new IllegalStateException("request mappers only decode");
    }

    @Override
    public Object resolve(ProxyRef ref) {
        if (ref.rpcAddr().equals(server.address())) {
            Object root = server.references().get(ref.objId(), ref.rpcAddr());
            return server.invoker().walk(root, ref.attributes());
        }
        if (ownsForeignProxies) {
            ClientLeases.claim(ref);   // minted for this process: hold it under this process's lease
        }
        return ObjectProxy.fromWire(ref, null, ownsForeignProxies, ClientOptions.defaults());
    }
}

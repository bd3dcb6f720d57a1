package org.pyacq.rpc;

import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.ValueMapper;

/**
 * How a client decodes replies. A proxy to an object of the server that sent it was made for
 * this client, which releases it when done; a proxy to a third server is a copy of someone
 * else's reference and is left alone. A proxy to an object of this very thread's server (or of
 * this process's callback server) is that object.
 */
final class ReplyMapper implements ValueMapper {
    private final RpcClient client;

    ReplyMapper(RpcClient client) {
        this.client = client;
    }

    @Override
    public Object replace(Object value) {
        throw new IllegalStateException("reply mappers only decode");
    }

    @Override
    public Object resolve(ProxyRef ref) {
        RpcServer local = ServerRegistry.current();
        if (local == null || !ref.rpcAddr().equals(local.address())) {
            local = LocalExports.serverAt(ref.rpcAddr());
        }
        if (local != null) {
            return local.invoker().walk(local.references().get(ref.objId()), ref.attributes());
        }
        boolean fromItsServer = ref.rpcAddr().equals(client.address());
        // A server that keeps leases mints a reference of our own for a third server's proxy
        // (ClientLeases.forward); a Python server forwards its own, which stays its to release.
        boolean owned = fromItsServer || ClientLeases.isLeased(client.address());
        if (owned && !fromItsServer && client.options().autoRelease()) {
            ClientLeases.claim(ref);
        }
        return ObjectProxy.fromWire(ref, fromItsServer ? client : null, owned, client.options());
    }
}

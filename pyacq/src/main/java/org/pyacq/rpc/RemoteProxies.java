package org.pyacq.rpc;

import java.util.List;
import org.pyacq.rpc.invoke.RemoteObjects;

/** Lets the invoker call, walk and adapt proxies it finds among a request's arguments. */
final class RemoteProxies implements RemoteObjects {
    static final RemoteProxies INSTANCE = new RemoteProxies();

    private RemoteProxies() {
    }

    @Override
    public boolean isRemote(Object value) {
        return value instanceof ObjectProxy;
    }

    @Override
    public Object callRemote(Object remote, List<Object> args) {
        return ((ObjectProxy) remote).callWith(SyncMode.SYNC, args.toArray());
    }

    @Override
    public <T> T adapt(Object remote, Class<T> iface) {
        return ((ObjectProxy) remote).as(iface);
    }

    @Override
    public Object remoteAttribute(Object remote, String name) {
        return ((ObjectProxy) remote).attr(name);
    }
}

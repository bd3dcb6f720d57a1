package org.pyacq.rpc.invoke;

import java.util.List;

/**
 * How the invoker deals with proxies to objects held by other servers, without knowing the proxy
 * class. The RPC layer implements it; {@link #NONE} is for an invoker that never sees proxies.
 */
public interface RemoteObjects {

    /** No value is remote. */
    RemoteObjects NONE = new RemoteObjects() {
        @Override
        public boolean isRemote(Object value) {
            return false;
        }

        @Override
        public Object callRemote(Object remote, List<Object> args) {
            throw new IllegalStateException("this invoker has no remote objects");
        }

        @Override
        public <T> T adapt(Object remote, Class<T> iface) {
            throw new IllegalStateException("this invoker has no remote objects");
        }

        @Override
        public Object remoteAttribute(Object remote, String name) {
            throw new IllegalStateException("this invoker has no remote objects");
        }

        @Override
        public String toString() {
            return "RemoteObjects.NONE";
        }
    };

    /** True if {@code value} is a proxy to an object of another server. */
    boolean isRemote(Object value);

    /** Calls the remote object with {@code args} and returns its result. */
    Object callRemote(Object remote, List<Object> args);

    /**
     * A {@link java.lang.reflect.Proxy} implementing {@code iface} whose calls go to the remote
     * object, so a remote callback can be passed where Java expects an interface.
     */
    <T> T adapt(Object remote, Class<T> iface);

    /** The remote object's attribute {@code name} (usually a proxy with a deferred attribute). */
    Object remoteAttribute(Object remote, String name);
}

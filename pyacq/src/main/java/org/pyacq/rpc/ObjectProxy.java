package org.pyacq.rpc;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pyacq.wire.Action;
import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.ReturnType;

/**
 * A reference to an object that lives in another process. Method calls, field access and item
 * access go to that object; the object stays there.
 *
 * <pre>{@code
 * ObjectProxy list = (ObjectProxy) client.importModule("java.util.ArrayList").call();
 * list.invoke("add", "x");                       // synchronous
 * RpcFuture<Object> n = list.invokeAsync("size"); // asynchronous
 * list.invokeOff("clear");                       // fire and forget
 * Map<String, Object> m = map.as(Map.class);     // typed view through an interface
 * }</pre>
 *
 * <p>Two proxies are equal when they refer to the same object of the same server (PROTOCOL.md
 * section 6); a proxy made by {@link #attr} keeps its parent's identity and adds the attribute
 * path, as in pyacq. When the last proxy sharing a remote reference becomes unreachable, the
 * reference is released in the server (unless automatic release is off).
 */
public final class ObjectProxy {
    private final ProxyRef ref;
    private final ProxyOptions options;
    private final RemoteReference holder;

    private ObjectProxy(ProxyRef ref, ProxyOptions options, RemoteReference holder) {
        this.ref = ref;
        this.options = options;
        this.holder = holder;
    }

    /**
     * A proxy for a reference read from the wire. {@code client} is the client it came through
     * when that client's server holds the object (else the process's shared client is used);
     * {@code owned} says whether this process must release the reference when done.
     */
    static ObjectProxy fromWire(ProxyRef ref, RpcClient client, boolean owned, ClientOptions clientOptions) {
        RemoteReference holder = new RemoteReference(ref, client, owned && clientOptions.autoRelease());
        return new ObjectProxy(ref, ProxyOptions.defaults(clientOptions.timeout()), holder);
    }

    // ---- identity ------------------------------------------------------------------------

    /** The address of the server holding the object. */
    public String address() {
        return ref.rpcAddr();
    }

    public long objectId() {
        return ref.objId();
    }

    public long referenceId() {
        return ref.refId();
    }

    /** The remote object's type as the server describes it, e.g. {@code java.util.ArrayList}. */
    public String typeName() {
        return ref.typeStr();
    }

    /** Attribute names still to be walked in the server (deferred access). */
    public List<String> attributes() {
        return ref.attributes();
    }

    /** The wire identity of this proxy. */
    public ProxyRef ref() {
        return ref;
    }

    public ProxyOptions options() {
        return options;
    }

    /** The client this proxy's requests go through. */
    public RpcClient client() {
        return holder.client();
    }

    // ---- options -------------------------------------------------------------------------

    public ObjectProxy withTimeout(Duration timeout) {
        return new ObjectProxy(ref, new ProxyOptions(options.syncMode(), timeout, options.returnType(),
                options.deferAttributes()), holder);
    }

    /** A proxy whose {@link #call} and {@link #invoke} use {@code mode}. */
    public ObjectProxy withSyncMode(SyncMode mode) {
        return new ObjectProxy(ref, new ProxyOptions(mode, options.timeout(), options.returnType(),
                options.deferAttributes()), holder);
    }

    public ObjectProxy withReturnType(ReturnType returnType) {
        return new ObjectProxy(ref, new ProxyOptions(options.syncMode(), options.timeout(), returnType,
                options.deferAttributes()), holder);
    }

    /** With {@code false}, {@link #attr} asks the server at once (and fails at once for a bad name). */
    public ObjectProxy withDeferredAttributes(boolean defer) {
        return new ObjectProxy(ref, new ProxyOptions(options.syncMode(), options.timeout(), options.returnType(),
                defer), holder);
    }

    /**
     * Keeps the remote object alive even after every proxy to it is gone (until {@link #delete()}
     * or the server closes). Applies to all proxies sharing this reference.
     */
    public ObjectProxy keepAlive() {
        holder.keepAlive();
        return this;
    }

    // ---- attributes ----------------------------------------------------------------------

    /**
     * A proxy to the attribute {@code name} (field, method or nested class) of the remote object.
     * Deferred by default: no round trip until it is used.
     */
    public ObjectProxy attr(String name) {
        Objects.requireNonNull(name, "name");
        ObjectProxy derived = new ObjectProxy(ref.withAttributes(List.of(name)), options, holder);
        if (options.deferAttributes()) {
            return derived;
        }
        return (ObjectProxy) derived.fetch(ReturnType.PROXY, options.timeout());
    }

    /** The value of attribute {@code name}: by value if plain data, else a proxy. */
    public Object get(String name) {
        return attr(name).fetch(ReturnType.AUTO, options.timeout());
    }

    /** Sets the public field {@code name} of the remote object. */
    public void set(String name, Object value) {
        special("__setattr__", name, value);
    }

    /** {@code object[key]}: element of an array or list, or value of a map. */
    public Object getItem(Object key) {
        return special("__getitem__", key);
    }

    /** {@code object[key] = value}. */
    public void setItem(Object key, Object value) {
        special("__setitem__", key, value);
    }

    /** The size of a remote collection, map, array or string. */
    public int size() {
        return ((Number) special("__len__")).intValue();
    }

    private Object special(String name, Object... args) {
        return new ObjectProxy(ref.withAttributes(List.of(name)), options, holder).callWith(SyncMode.SYNC, args);
    }

    // ---- calls ---------------------------------------------------------------------------

    /**
     * Calls the remote object (a method, constructor, class or functional object). Waits for the
     * result in the default sync mode; returns an {@link RpcFuture} in ASYNC mode and null in OFF mode.
     */
    public Object call(Object... args) {
        return callWith(options.syncMode(), args);
    }

    /** Calls the remote object and returns a future at once. */
    @SuppressWarnings("unchecked")
    public RpcFuture<Object> callAsync(Object... args) {
        return (RpcFuture<Object>) callWith(SyncMode.ASYNC, args);
    }

    /** Calls the remote object without waiting or getting a result; failures are logged by the server. */
    public void callOff(Object... args) {
        callWith(SyncMode.OFF, args);
    }

    /** Calls method {@code method} of the remote object: {@code attr(method).call(args)}. */
    public Object invoke(String method, Object... args) {
        return attr(method).call(args);
    }

    /** Calls method {@code method} and converts the result to {@code type} (numbers are widened or narrowed). */
    public <T> T invoke(Class<T> type, String method, Object... args) {
        return ResultConversion.convert(attr(method).callWith(SyncMode.SYNC, args), type);
    }

    public RpcFuture<Object> invokeAsync(String method, Object... args) {
        return attr(method).callAsync(args);
    }

    public void invokeOff(String method, Object... args) {
        attr(method).callOff(args);
    }

    Object callWith(SyncMode mode, Object[] args) {
        Map<String, Object> opts = new LinkedHashMap<>(4);
        opts.put("obj", this);
        opts.put("args", args == null ? List.of() : Arrays.asList(args));
        opts.put("kwargs", Map.of());
        return send(Action.CALL_OBJ, opts, options.returnType(), mode, options.timeout());
    }

    /**
     * Sends a request about this proxy's object, keeping the reference reachable until the reply
     * (so the automatic release cannot overtake the request on another socket: without the fence,
     * a proxy used only for this call may be collected while the call waits).
     */
    private Object send(Action action, Map<String, Object> opts, ReturnType returnType, SyncMode mode,
            Duration timeout) {
        RemoteReference held = holder;
        try {
            Object result = client().send(action, opts, returnType, mode, timeout);
            if (result instanceof RpcFuture<?> future) {
                future.whenComplete((value, failure) -> Reference.reachabilityFence(held));
            }
            return result;
        } finally {
            Reference.reachabilityFence(held);
        }
    }

    // ---- values and lifetime -------------------------------------------------------------

    /** The remote object copied by value (parts that cannot be copied arrive as proxies). */
    public Object getValue() {
        return fetch(ReturnType.VALUE, options.timeout());
    }

    /** Resolves deferred attributes: the attribute's value (auto return type), or this if there are none. */
    public Object undefer() {
        if (ref.attributes().isEmpty()) {
            return this;
        }
        return fetch(ReturnType.AUTO, options.timeout());
    }

    private Object fetch(ReturnType returnType, Duration timeout) {
        Map<String, Object> opts = new LinkedHashMap<>(2);
        opts.put("obj", this);
        return send(Action.GET_OBJ, opts, returnType, SyncMode.SYNC, timeout);
    }

    /**
     * Releases this reference in the server now. The object goes away when no other reference to
     * it is left; using this proxy afterwards fails in the server.
     */
    public void delete() {
        if (!holder.markReleased()) {
            return;
        }
        Map<String, Object> opts = new LinkedHashMap<>(2);
        opts.put("obj_id", ref.objId());
        opts.put("ref_id", ref.refId());
        send(Action.DELETE, opts, ReturnType.AUTO, SyncMode.SYNC, options.timeout());
    }

    /**
     * A view of the remote object as a local implementation of {@code iface}: interface calls
     * become remote calls (e.g. a remote {@code LinkedHashMap} used as a local {@link Map}).
     * Calls on a functional interface call the remote object itself.
     */
    public <T> T as(Class<T> iface) {
        return TypedView.create(this, iface);
    }

    // ---- object methods ------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ObjectProxy other && ref.objId() == other.ref.objId()
                && ref.rpcAddr().equals(other.ref.rpcAddr());
    }

    @Override
    public int hashCode() {
        return 31 * ref.rpcAddr().hashCode() + Long.hashCode(ref.objId());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<ObjectProxy ").append(ref.typeStr().isEmpty() ? "object" : ref.typeStr())
                .append(" #").append(ref.objId()).append(" at ").append(ref.rpcAddr());
        for (String a : ref.attributes()) {
            sb.append('.').append(a);
        }
        return sb.append('>').toString();
    }
}

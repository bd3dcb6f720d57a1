package org.pyacq.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.pyacq.rpc.invoke.Invoker;
import org.pyacq.transport.Frames;
import org.pyacq.transport.RateLimitedLog;
import org.pyacq.wire.Action;
import org.pyacq.wire.MalformedRequestException;
import org.pyacq.wire.ProxyRef;
import org.pyacq.wire.Reply;
import org.pyacq.wire.Request;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.ValueMapper;
import org.pyacq.wire.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request into one reply for an {@link RpcServer}: parses the frames, decodes the
 * options, runs the action and encodes the result or the error. Receiving and sending happen on
 * the server's thread; the work in between may run on a worker.
 */
final class RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

    private final RpcServer server;
    private final KnownCallers callers = new KnownCallers(4096);
    private final ValueMapper replyMapper;
    private final RateLimitedLog malformedLog = new RateLimitedLog(log, 64);
    /** What {@link #execute} returns when the reply will be sent later ({@link DeferredResult}). */
    private static final ByteBuffer DEFERRED = ByteBuffer.allocate(0);

    RequestHandler(RpcServer server) {
        this.server = server;
        this.replyMapper = new ValueMapper() {
            @Override
            public Object replace(Object value) {
                if (value instanceof ObjectProxy p) {
                    return ClientLeases.forward(p);
                }
                return server.export(value);
            }

            @Override
            public Object resolve(ProxyRef ref) {
                return ref;
            }
        };
    }

    /** Handles one received message (identity frame first). Owner thread. */
    void handle(Frames.Received msg) {
        List<ByteBuffer> frames = msg.frames();
        if (!handleAndSend(msg)) {
            frames.forEach(Frames::release);   // else the worker hands them back
        }
    }

    /** False when the request is done with its frames; true when a worker took it over. */
    private boolean handleAndSend(Frames.Received msg) {
        List<ByteBuffer> frames = msg.frames();
        byte[] identity = bytes(frames.get(0));
        Request request;
        try {
            request = Request.parse(frames.subList(1, frames.size()), msg.count() - 1);
        } catch (MalformedRequestException e) {
            rejectMalformed(identity, e);
            return false;
        }
        callers.remember(identity, request.serializer());
        ExecutorService pool = server.workers();
        if (pool != null && request.action() == Action.CALL_OBJ) {
            // decoded here, in the order requests arrive: the objects a request names are looked up
            // before a later request (a release on another connection) can drop them
            Map<String, Object> options;
            try {
                options = decode(identity, request);
            } catch (Throwable t) {
                answer(identity, failed(identity, request, t));
                return false;
            }
            try {
                pool.execute(() -> {
                    ByteBuffer reply;
                    try {
                        reply = execute(identity, request, options);
                    } finally {
                        frames.forEach(Frames::release);
                    }
                    if (reply != null && reply != DEFERRED) {
                        server.loop().post(() -> send(identity, reply));
                    }
                });
                return true;
            } catch (RejectedExecutionException e) {
                answer(identity, execute(identity, request, options));   // shutting down: on this thread
                return false;
            }
        }
        answer(identity, execute(identity, request));
        if (request.action() == Action.CLOSE) {
            server.beginClose(identity);
        }
        return false;
    }

    /** Sends {@code reply} unless there is none (no reply wanted) or it comes later (deferred). */
    private void answer(byte[] identity, ByteBuffer reply) {
        if (reply != null && reply != DEFERRED) {
            send(identity, reply);
        }
    }

    private void send(byte[] identity, ByteBuffer reply) {
        server.loop().sendReply(identity, reply);
    }

    /** A caller's connection ended for good (a same-host client went away). Owner thread. */
    void forget(byte[] identity) {
        callers.forget(identity);
    }

    /** Runs the request; returns the encoded reply, or null when none is wanted. */
    private ByteBuffer execute(byte[] identity, Request request) {
        Map<String, Object> options;
        try {
            options = decode(identity, request);
        } catch (Throwable t) {
            return failed(identity, request, t);
        }
        return execute(identity, request, options);
    }

    /** The request's options, with the references it names turned into their objects. */
    private Map<String, Object> decode(byte[] identity, Request request) {
        ServerLeases.Saved outer = ServerLeases.save();
        try {
            return request.decodeOptions(new RequestMapper(server, isJavaPeer(identity)));
        } finally {
            ServerLeases.restore(outer);
        }
    }

    /** Runs the decoded request; returns the encoded reply, or null when none is wanted. */
    private ByteBuffer execute(byte[] identity, Request request, Map<String, Object> options) {
        ServerLeases.Saved outer = ServerLeases.save();
        try {
            return executeInLease(identity, request, options);
        } finally {
            ServerLeases.restore(outer);
        }
    }

    private ByteBuffer executeInLease(byte[] identity, Request request, Map<String, Object> options) {
        Object result;
        try {
            server.leases().enter(caller(identity), isJavaPeer(identity), options);
            Object raw = run(request.action(), options);
            if (raw instanceof DeferredResult<?> later) {
                replyLater(identity, request, options, later);
                return DEFERRED;
            }
            result = shape(raw, request.returnType());
        } catch (Throwable t) {
            return failed(identity, request, t);
        }
        return replyWith(identity, request, result);
    }

    /** Sends the reply to {@code request} once {@code later} completes, from the thread that completes it. */
    private void replyLater(byte[] identity, Request request, Map<String, Object> options, DeferredResult<?> later) {
        later.stage().whenComplete((value, error) -> {
            ByteBuffer reply;
            ServerLeases.Saved outer = ServerLeases.save();
            try {
                if (error != null) {
                    reply = failed(identity, request, error instanceof java.util.concurrent.CompletionException
                            && error.getCause() != null ? error.getCause() : error);
                } else {
                    server.leases().enter(caller(identity), isJavaPeer(identity), options);
                    reply = replyWith(identity, request, shape(value, request.returnType()));
                }
            } catch (RuntimeException e) {
                reply = failed(identity, request, e);
            } finally {
                ServerLeases.restore(outer);
            }
            if (reply != null) {
                ByteBuffer r = reply;
                server.loop().post(() -> {
                    if (server.loop().isServing()) {
                        send(identity, r);
                    }
                });
            }
        });
    }

    /** The error reply for a request that failed with {@code t} (null when no reply is wanted). */
    private ByteBuffer failed(byte[] identity, Request request, Throwable t) {
        Throwable cause = ErrorLines.unwrap(t);
        if (cause instanceof VirtualMachineError e && !(cause instanceof StackOverflowError)) {
            throw e;
        }
        if (!request.wantsReply()) {
            log.warn("request {} from {} (sent without waiting for a reply) failed: {}", request.action(),
                    caller(identity), cause.toString(), cause);
            return null;
        }
        log.debug("request {} [{}] from {} failed", request.action(), request.reqId(), caller(identity), cause);
        return encode(request.serializer(), errorReply(identity, request.reqId(), cause));
    }

    /** The reply carrying {@code result} (null when no reply is wanted). */
    private ByteBuffer replyWith(byte[] identity, Request request, Object result) {
        if (!request.wantsReply()) {
            return null;
        }
        try {
            return encode(request.serializer(), Reply.result(request.reqId(), result));
        } catch (RuntimeException e) {
            return encode(request.serializer(), errorReply(identity, request.reqId(),
                    new WireFormatException("the result could not be sent: " + e.getMessage(), e)));
        }
    }

    private Object run(Action action, Map<String, Object> options) throws Exception {
        Invoker invoker = server.invoker();
        switch (action) {
            case CALL_OBJ: {
                Object target = required(options, "obj");
                Object kwargs = options.get("kwargs");
                if (kwargs instanceof Map<?, ?> m && !m.isEmpty()) {
                    throw new IllegalArgumentException("keyword arguments " + m.keySet() + " cannot be passed:"
                            + " Java methods take positional arguments only");
                }
                Object args = options.get("args");
                List<Object> list = args == null ? List.of() : asList(args);
                return invoker.call(target, list);
            }
            case GET_OBJ:
                return invoker.valueOf(options.get("obj"));
            case GET_ITEM: {
                String name = text(options, "name");
                Object value = server.namespace().get(name);
                if (value == null) {
                    throw new NoSuchElementException("nothing is published under '" + name + "' in " + server.name()
                            + "; published names are " + new java.util.TreeSet<>(server.namespace().keySet()));
                }
                return value;
            }
            case SET_ITEM:
                server.publish(text(options, "name"), invoker.valueOf(required(options, "obj")));
                return null;
            case DELETE:
                server.references().release(integer(options, "obj_id"), integer(options, "ref_id"));
                return null;
            case IMPORT:
                return invoker.importName(text(options, "module"));
            case PING:
                return "pong";
            case CLOSE:
                return Boolean.TRUE;
            case LEASE:
                return server.leases().renew(options);
            default:
                throw new IllegalStateException("unhandled action " + action);
        }
    }

    /** Applies the return type (PROTOCOL.md section 5). */
    private Object shape(Object result, ReturnType returnType) {
        switch (returnType) {
            case PROXY:
                if (result == null) {
                    return null;
                }
                return result instanceof ObjectProxy p ? ClientLeases.forward(p) : server.export(result);
            case AUTO:
                if (result instanceof ObjectProxy p) {
                    return ClientLeases.forward(p);
                }
                return AutoReturn.byValue(result) ? result : server.export(result);
            default:
                return result;
        }
    }

    void sendDisconnects(byte[] except) {
        if (!server.loop().isServing()) {
            return;
        }
        for (Map.Entry<byte[], Serializer> caller : callers.allExcept(except)) {
            try {
                send(caller.getKey(), encode(caller.getValue(), Reply.disconnect()));
            } catch (RuntimeException e) {
                log.debug("could not send the disconnect notice to {}", caller(caller.getKey()), e);
            }
        }
    }

    private ByteBuffer encode(Serializer serializer, Reply reply) {
        return Encoding.encode(serializer, reply.toWire(), replyMapper);
    }

    private Reply errorReply(byte[] identity, long reqId, Throwable cause) {
        return Reply.error(reqId, ErrorLines.typeName(cause), ErrorLines.lines(caller(identity), reqId, cause));
    }

    private void rejectMalformed(byte[] identity, MalformedRequestException e) {
        if (e.reqId().isPresent()) {
            long id = e.reqId().getAsLong();
            callers.remember(identity, e.replySerializer());
            send(identity, encode(e.replySerializer(), Reply.error(id, "MalformedRequestException",
                    ErrorLines.lines(caller(identity), id, e))));
        } else {
            malformedLog.warn(caller(identity), "ignored a malformed request from {}: {}", caller(identity),
                    e.getMessage());
        }
    }

    /** Our Java clients end their identity with this mark; they send each proxy with a reference of its own. */
    static final String JAVA_PEER_MARK = "#j1";

    private static boolean isJavaPeer(byte[] identity) {
        int n = JAVA_PEER_MARK.length();
        if (identity.length < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (identity[identity.length - n + i] != JAVA_PEER_MARK.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static String caller(byte[] identity) {
        return new String(identity, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static Object required(Map<String, Object> options, String key) {
        if (!options.containsKey(key)) {
            throw new IllegalArgumentException("request option '" + key + "' is missing");
        }
        return options.get(key);
    }

    private static String text(Map<String, Object> options, String key) {
        Object v = required(options, key);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("request option '" + key + "' must be text, got " + v);
    }

    private static long integer(Map<String, Object> options, String key) {
        Object v = required(options, key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("request option '" + key + "' must be an integer, got " + v);
    }

    private static List<Object> asList(Object args) {
        if (args instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new IllegalArgumentException("request option 'args' must be a list, got "
                + args.getClass().getSimpleName());
    }
}

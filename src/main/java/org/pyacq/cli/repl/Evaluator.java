package org.pyacq.cli.repl;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcFuture;
import org.pyacq.wire.NdArray;

/**
 * Runs one parsed statement. Remote calls are made asynchronously and awaited through the
 * evaluation's {@link CancellableWait}, so Ctrl-C can stop any wait. Attribute access on a proxy
 * is deferred ({@code proxy.attr}) until the attribute is called, indexed or printed; attribute
 * chains on a process value are import names, resolved when used.
 */
final class Evaluator {
    /** The result of a statement that prints nothing (an assignment). */
    static final Object NO_RESULT = new Object();

    private final ReplSession session;
    private final CancellableWait wait;

    Evaluator(ReplSession session, CancellableWait wait) {
        this.session = session;
        this.wait = wait;
    }

    ReplSession session() {
        return session;
    }

    CancellableWait waits() {
        return wait;
    }

    /** Runs {@code statement}: the value to print, or {@link #NO_RESULT}. */
    Object execute(Statement statement) {
        if (statement instanceof Statement.Assign a) {
            assign(a.target(), evalValue(a.value()));
            return NO_RESULT;
        }
        Object v = evalValue(((Statement.Expression) statement).expression());
        if (v instanceof ObjectProxy p && !p.attributes().isEmpty()) {
            // a deferred attribute shows its value (a field) or what it is (a method)
            return wait.blocking(p::undefer);
        }
        return v;
    }

    /** Evaluates {@code node} and resolves a pending import name. */
    Object evalValue(Node node) {
        return materialize(eval(node));
    }

    /** Imports an {@link ImportPath}; any other value is returned as it is. */
    Object materialize(Object v) {
        if (v instanceof ImportPath p) {
            return session.importsOf(p.process()).resolve(p.dotted(), wait);
        }
        return v;
    }

    private Object eval(Node node) {
        if (node instanceof Node.Literal l) {
            return l.value();
        } else if (node instanceof Node.Name n) {
            return name(n);
        } else if (node instanceof Node.Attribute a) {
            return attribute(eval(a.target()), a);
        } else if (node instanceof Node.Call c) {
            return call(c, false);
        } else if (node instanceof Node.Index i) {
            return index(i, false);
        } else if (node instanceof Node.Async a) {
            return a.call() instanceof Node.Call c ? call(c, true) : index((Node.Index) a.call(), true);
        } else if (node instanceof Node.Await a) {
            Object f = evalValue(a.future());
            if (!(f instanceof FutureValue fv)) {
                throw new ReplException("await needs a future (made by async), but " + a.future().toSource() + " is "
                        + describe(f));
            }
            return wait.await(fv.future());
        } else if (node instanceof Node.ListLiteral l) {
            List<Object> items = new ArrayList<>(l.items().size());
            for (Node item : l.items()) {
                items.add(evalValue(item));
            }
            return Collections.unmodifiableList(items);
        } else {
            Node.MapLiteral m = (Node.MapLiteral) node;
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < m.keys().size(); i++) {
                map.put(evalValue(m.keys().get(i)), evalValue(m.values().get(i)));
            }
            return Collections.unmodifiableMap(map);
        }
    }

    private Object name(Node.Name n) {
        Object v = session.variable(n.name());
        if (v != null || session.hasVariable(n.name())) {
            return v;
        }
        BuiltinFunction builtin = Builtins.get(n.name());
        if (builtin != null) {
            return builtin;
        }
        ProcessValue home = session.homeProcess(wait);
        if (home != null) {
            return attribute(home, n);
        }
        throw new ReplException("unknown variable '" + n.name() + "'" + Suggestions.hint(n.name(),
                session.variableNames()));
    }

    private Object attribute(Object target, Node at) {
        String name = at instanceof Node.Attribute a ? a.name() : ((Node.Name) at).name();
        if (target instanceof ProcessValue p) {
            if (name.equals("self")) {
                return wait.blocking(() -> p.client().self());
            }
            if (name.equals("published")) {
                return Builtins.published(p);
            }
            return new ImportPath(p, name);
        }
        if (target instanceof ImportPath p) {
            return p.child(name);
        }
        if (target instanceof ObjectProxy p) {
            return p.attr(name);
        }
        String what = at instanceof Node.Attribute a ? a.target().toSource() : "it";
        throw new ReplException("cannot read attribute '" + name + "' of " + what + ": it is " + describe(target)
                + "; attributes work on remote objects and processes");
    }

    private Object call(Node.Call c, boolean async) {
        Object target = eval(c.callee());
        Object callee = target instanceof ImportPath p
                ? session.importsOf(p.process()).resolveForCall(p.dotted(), wait) : target;
        List<Object> args = new ArrayList<>(c.args().size());
        for (Node a : c.args()) {
            args.add(evalValue(a));
        }
        if (callee instanceof BuiltinFunction b) {
            if (async) {
                // runs on its own, so a later Ctrl-C does not stop it
                List<Object> fixed = Collections.unmodifiableList(args);
                Evaluator detached = new Evaluator(session, session.detachedWait());
                CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> b.body().call(detached, fixed),
                        session.ioPool());
                return new FutureValue(f, c.toSource());
            }
            return b.body().call(this, args);
        }
        if (callee instanceof ObjectProxy p) {
            RpcFuture<Object> f = p.withTimeout(session.callTimeout()).callAsync(toWire(args).toArray());
            return async ? new FutureValue(f, c.toSource()) : wait.awaitOwned(f);
        }
        throw new ReplException(c.callee().toSource() + " is " + describe(callee) + ", which cannot be called");
    }

    private Object index(Node.Index x, boolean async) {
        Object target = evalValue(x.target());
        Object key = evalValue(x.key());
        if (target instanceof ObjectProxy p) {
            RpcFuture<Object> f = p.withTimeout(session.callTimeout()).attr("__getitem__").callAsync(toWire(key));
            return async ? new FutureValue(f, x.toSource()) : wait.awaitOwned(f);
        }
        if (async) {
            throw new ReplException("async needs a remote call; " + x.target().toSource() + " is " + describe(target));
        }
        return LocalItems.get(target, key, x);
    }

    private void assign(Node target, Object value) {
        if (target instanceof Node.Name n) {
            wait.checkNotCancelled();
            session.setVariable(n.name(), value);
            return;
        }
        if (target instanceof Node.Attribute a) {
            Object owner = evalValue(a.target());
            if (!(owner instanceof ObjectProxy p)) {
                throw new ReplException("cannot set attribute '" + a.name() + "' of " + a.target().toSource() + ": it is "
                        + describe(owner) + "; only remote objects have settable fields");
            }
            wait.awaitOwned(p.withTimeout(session.callTimeout()).attr("__setattr__").callAsync(a.name(),
                    toWire(value)));
            return;
        }
        Node.Index i = (Node.Index) target;
        Object owner = evalValue(i.target());
        Object key = evalValue(i.key());
        if (!(owner instanceof ObjectProxy p)) {
            throw new ReplException("cannot set an item of " + i.target().toSource() + ": it is " + describe(owner)
                    + "; local lists and maps are read-only");
        }
        wait.awaitOwned(p.withTimeout(session.callTimeout()).attr("__setitem__").callAsync(toWire(key),
                toWire(value)));
    }

    /** A REPL value as a call argument: imports resolved, lists and maps converted inside. */
    Object toWire(Object v) {
        Object m = materialize(v);
        if (m instanceof FutureValue f) {
            throw new ReplException("cannot pass a future (" + f.description() + ") to a remote call; await it first");
        }
        if (m instanceof ProcessValue p) {
            throw new ReplException("cannot pass the process " + p.name() + " to a remote call; pass "
                    + "its server object (w.self) instead");
        }
        if (m instanceof BuiltinFunction b) {
            throw new ReplException("cannot pass the builtin " + b.name() + " to a remote call");
        }
        if (m instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(toWire(o));
            }
            return out;
        }
        if (m instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(toWire(e.getKey()), toWire(e.getValue()));
            }
            return out;
        }
        return m;
    }

    private List<Object> toWire(List<Object> args) {
        List<Object> out = new ArrayList<>(args.size());
        for (Object a : args) {
            out.add(toWire(a));
        }
        return out;
    }

    /** What a value is, for messages: {@code a process (w1)}, {@code the local string "x"}, {@code null}. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof ProcessValue p) {
            return "the process " + p.name();
        } else if (v instanceof ImportPath p) {
            return "the name " + p.dotted() + " in " + p.process().name();
        } else if (v instanceof FutureValue) {
            return "a future";
        } else if (v instanceof BuiltinFunction b) {
            return "the builtin " + b.name();
        } else if (v instanceof ObjectProxy p) {
            return "a remote " + (p.typeName().isEmpty() ? "object" : p.typeName());
        } else if (v instanceof CharSequence) {
            return "a local string";
        } else if (v instanceof Number || v instanceof Boolean) {
            return "the local value " + v;
        } else if (v instanceof Map) {
            return "a local map";
        } else if (v instanceof Collection) {
            return "a local list";
        } else if (v instanceof NdArray || v.getClass().isArray()) {
            return "a local array";
        }
        return "a local " + v.getClass().getSimpleName();
    }

    /** Items of local values: lists, maps, strings and arrays. */
    private static final class LocalItems {
        private LocalItems() {
        }

        static Object get(Object target, Object key, Node.Index at) {
            if (target instanceof Map<?, ?> m) {
                return mapItem(m, key, at);
            }
            int size;
            if (target instanceof List<?> l) {
                size = l.size();
            } else if (target instanceof CharSequence s) {
                size = s.length();
            } else if (target != null && target.getClass().isArray()) {
                size = Array.getLength(target);
            } else {
                throw new ReplException("cannot index " + at.target().toSource() + ": it is " + describe(target));
            }
            if (!(key instanceof Long || key instanceof Integer)) {
                throw new ReplException("index of " + at.target().toSource() + " must be an integer, not "
                        + describe(key));
            }
            long i = ((Number) key).longValue();
            long resolved = i < 0 ? size + i : i;
            if (resolved < 0 || resolved >= size) {
                throw new ReplException("index " + i + " is out of range for " + at.target().toSource() + " (size "
                        + size + ")");
            }
            int k = (int) resolved;
            if (target instanceof List<?> l) {
                return l.get(k);
            } else if (target instanceof CharSequence s) {
                return String.valueOf(s.charAt(k));
            }
            return Array.get(target, k);
        }

        private static Object mapItem(Map<?, ?> m, Object key, Node.Index at) {
            if (m.containsKey(key)) {
                return m.get(key);
            }
            if (key instanceof Number n) {
                // integer keys may have arrived as Integer or Long
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (e.getKey() instanceof Number k && (k instanceof Long || k instanceof Integer)
                            && k.longValue() == n.longValue()) {
                        return e.getValue();
                    }
                }
            }
            throw new ReplException("no key " + ValuePrinter.plain().format(key) + " in " + at.target().toSource()
                    + Suggestions.hint(String.valueOf(key), m.keySet().stream().map(String::valueOf).toList()));
        }
    }
}

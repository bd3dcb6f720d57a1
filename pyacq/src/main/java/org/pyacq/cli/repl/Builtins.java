package org.pyacq.cli.repl;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.wire.NdArray;

/**
 * The REPL's own functions: {@code spawn}, {@code process}, {@code connect}, {@code ps}, {@code len}, {@code value},
 * {@code help}; and {@code published} of a process value. Daemon calls go through the daemon's
 * control object asynchronously, so Ctrl-C can stop waiting for them.
 */
final class Builtins {
    private static final Map<String, BuiltinFunction> ALL;

    static {
        Map<String, BuiltinFunction> m = new LinkedHashMap<>();
        add(m, "spawn", "spawn(name[, settings])", Builtins::spawn);
        add(m, "process", "process(name)", Builtins::process);
        add(m, "connect", "connect(address)", Builtins::connect);
        add(m, "ps", "ps()", Builtins::ps);
        add(m, "len", "len(x)", Builtins::len);
        add(m, "value", "value(x)", Builtins::value);
        add(m, "help", "help()", (ev, args) -> {
            arity("help()", args, 0, 0);
            return new TextBlock(HelpText.general());
        });
        ALL = Map.copyOf(m);
    }

    private Builtins() {
    }

    private static void add(Map<String, BuiltinFunction> m, String name, String usage, BuiltinFunction.Body body) {
        m.put(name, new BuiltinFunction(name, usage, body));
    }

    static BuiltinFunction get(String name) {
        return ALL.get(name);
    }

    static Set<String> names() {
        return ALL.keySet();
    }

    /** {@code w.published}: reads an object the process published under a name. */
    static BuiltinFunction published(ProcessValue p) {
        return new BuiltinFunction("published", p.name() + ".published(name)", (ev, args) -> {
            arity(p.name() + ".published(name)", args, 1, 1);
            String name = text(p.name() + ".published(name)", args, 0);
            return ev.waits().blocking(() -> p.client().get(name));
        });
    }

    private static Object spawn(Evaluator ev, List<Object> args) {
        String usage = "spawn(name[, settings])";
        arity(usage, args, 1, 2);
        String name = text(usage, args, 0);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (args.size() == 2) {
            if (!(args.get(1) instanceof Map<?, ?> settings)) {
                throw new ReplException(usage + ": settings must be a map like {\"jvm_options\": [\"-Xmx256m\"]}, not "
                        + Evaluator.describe(args.get(1)));
            }
            settings.forEach((k, v) -> spec.put(String.valueOf(k), v));
            if (spec.containsKey("name") && !name.equals(spec.get("name"))) {
                throw new ReplException(usage + ": the settings name the process '" + spec.get("name")
                        + "' but the first argument says '" + name + "'");
            }
        }
        spec.put("name", name);
        ReplSession session = ev.session();
        ObjectProxy control = session.control().withTimeout(session.callTimeout());
        Map<?, ?> description = (Map<?, ?>) ev.waits().awaitOwned(control.invokeAsync("spawn", ev.toWire(spec)));
        return session.attach(name, String.valueOf(description.get("address")));
    }

    private static Object process(Evaluator ev, List<Object> args) {
        String usage = "process(name)";
        arity(usage, args, 1, 1);
        String name = text(usage, args, 0);
        ReplSession session = ev.session();
        Object address = ev.waits().awaitOwned(session.control().invokeAsync("address", name));
        return session.attach(name, String.valueOf(address));
    }

    /**
     * A handle on any RPC server, by address, as a process handle is on the daemon's processes: a
     * server in the user's own JVM, or a stock Python pyacq one (the REPL started with --insecure).
     */
    private static Object connect(Evaluator ev, List<Object> args) {
        String usage = "connect(address)";
        arity(usage, args, 1, 1);
        String address = text(usage, args, 0);
        if (!address.matches("(tcp|ipc|inproc)://.+")) {
            throw new ReplException(usage + ": '" + address + "' is not an address; write it like tcp://HOST:PORT");
        }
        ReplSession session = ev.session();
        ProcessValue p = session.attach(address, address);
        ev.waits().blocking(() -> {
            p.client().ping(session.callTimeout());   // nothing there: say so now, not at the first call
            return null;
        });
        return p;
    }

    private static Object ps(Evaluator ev, List<Object> args) {
        arity("ps()", args, 0, 0);
        ReplSession session = ev.session();
        List<?> children = (List<?>) ev.waits().awaitOwned(session.control().invokeAsync("ps"));
        session.learnProcesses(children);
        return children;
    }

    private static Object len(Evaluator ev, List<Object> args) {
        arity("len(x)", args, 1, 1);
        Object x = args.get(0);
        if (x instanceof ObjectProxy p) {
            ReplSession session = ev.session();
            return ev.waits().awaitOwned(p.withTimeout(session.callTimeout()).attr("__len__").callAsync());
        } else if (x instanceof Collection<?> c) {
            return (long) c.size();
        } else if (x instanceof Map<?, ?> m) {
            return (long) m.size();
        } else if (x instanceof CharSequence s) {
            return (long) s.length();
        } else if (x instanceof NdArray a) {
            return (long) (a.ndim() == 0 ? 1 : a.shape()[0]);
        } else if (x != null && x.getClass().isArray()) {
            return (long) Array.getLength(x);
        }
        throw new ReplException("len(x): " + Evaluator.describe(x) + " has no length");
    }

    private static Object value(Evaluator ev, List<Object> args) {
        arity("value(x)", args, 1, 1);
        Object x = args.get(0);
        if (x instanceof ObjectProxy p) {
            return ev.waits().blocking(p::getValue);
        }
        if (x instanceof FutureValue) {
            throw new ReplException("value(x): x is a future; await it first");
        }
        return x;
    }

    private static void arity(String usage, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            String expected = min == max ? min + " argument" + (min == 1 ? "" : "s") : min + " to " + max + " arguments";
            throw new ReplException(usage + " takes " + expected + ", got " + args.size());
        }
    }

    private static String text(String usage, List<Object> args, int index) {
        if (index >= args.size() || !(args.get(index) instanceof String s)) {
            throw new ReplException(usage + ": argument " + (index + 1) + " must be a string, not "
                    + (index < args.size() ? Evaluator.describe(args.get(index)) : "missing"));
        }
        return s;
    }
}

package org.pyacq.cli;

import java.util.Collection;
import java.util.List;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.wire.ReturnType;

/**
 * What {@code pyacq call NAME PATH [ARGS...]} reaches in a process. If PATH's first segment is a
 * name the process published (e.g. {@code self}), the rest is walked from that object, one
 * attribute at a time; otherwise PATH is imported (a class, then its static members). The target
 * is called with the arguments when there are any, or when it is a method, constructor or class;
 * anything else (a field, a published value) is returned as it is.
 */
final class CallTarget {
    private CallTarget() {
    }

    static Object invoke(RpcClient client, String path, List<Object> args) {
        String[] parts = path.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new CommandException(CliExitCodes.USAGE, "'" + path + "' is not a dotted path; write it like "
                        + "java.lang.System.getProperty or self.ping");
            }
        }
        ObjectProxy target;
        if (isPublished(client, parts[0])) {
            Object published = client.get(parts[0]);
            if (parts.length == 1 && args.isEmpty() && !(published instanceof ObjectProxy)) {
                return published;
            }
            ObjectProxy p = published instanceof ObjectProxy op ? op : publishedByProxy(client, parts[0]);
            for (int i = 1; i < parts.length; i++) {
                // resolved at once, so the last one knows whether it is a method
                p = p.withDeferredAttributes(false).attr(parts[i]);
            }
            target = p;
        } else {
            target = client.importModule(path);
        }
        if (!args.isEmpty() || isCallable(target)) {
            return target.call(args.toArray());
        }
        return target.getValue();
    }

    private static boolean isCallable(ObjectProxy p) {
        String type = p.typeName();
        return type.startsWith("method ") || type.startsWith("constructor ") || type.startsWith("class ");
    }

    private static boolean isPublished(RpcClient client, String name) {
        if ("self".equals(name)) {
            return true;
        }
        try {
            return client.self().invoke("publishedNames") instanceof Collection<?> names && names.contains(name);
        } catch (RemoteCallException e) {
            return false;   // not a pyacq-java server: nothing to walk from but imports
        }
    }

    /** A proxy to a published object that {@code get} would send by value (e.g. a string). */
    private static ObjectProxy publishedByProxy(RpcClient client, String name) {
        ObjectProxy optional = (ObjectProxy) client.self().withReturnType(ReturnType.PROXY).invoke("published", name);
        return (ObjectProxy) optional.withReturnType(ReturnType.PROXY).invoke("get");
    }
}

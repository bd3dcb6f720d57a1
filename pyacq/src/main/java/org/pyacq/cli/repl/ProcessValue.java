package org.pyacq.cli.repl;

import java.util.Objects;
import org.pyacq.rpc.RpcClient;

/**
 * A child process of the daemon as a REPL value ({@code w = spawn("w1")}). Attribute chains on it
 * are dotted import names in that process ({@code w.java.util.ArrayList}); {@code w.self} is its
 * server object and {@code w.published("name")} an object it published.
 *
 * @param name the child's name in the daemon
 * @param address its RPC address
 * @param client the shared client for that address
 */
record ProcessValue(String name, String address, RpcClient client) {
    ProcessValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(client, "client");
    }
}

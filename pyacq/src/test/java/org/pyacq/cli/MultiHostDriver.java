package org.pyacq.cli;

import java.time.Duration;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;

/**
 * Run on host A by {@link MultiHostTest}: reaches the daemons of hosts B and C by address and key,
 * makes a {@code PingPong} in process wb (on B) and one in wc (on C), gives each a proxy to the
 * other, and plays a reentrant chain of depth 8 across the hosts: B's process uses C's proxy and C's
 * process calls back into B's. Prints {@code RESULT <answer> <depth on B> <depth on C>}.
 *
 * <p>Arguments: B's control address, B's server key, C's control address, C's server key.
 */
public final class MultiHostDriver {
    private MultiHostDriver() {
    }

    public static void main(String[] args) {
        Duration timeout = Duration.ofSeconds(30);
        try (DaemonSession b = DaemonSession.connect(args[0], args[1], timeout);
                DaemonSession c = DaemonSession.connect(args[2], args[3], timeout)) {
            RpcClient wb = b.process("wb");
            RpcClient wc = c.process("wc");
            ObjectProxy onB = (ObjectProxy) wb.importModule("org.pyacq.rpc.PingPong").call();
            ObjectProxy onC = (ObjectProxy) wc.importModule("org.pyacq.rpc.PingPong").call();
            onB.invoke("setPartner", onC);
            onC.invoke("setPartner", onB);
            Object answer = onB.withTimeout(Duration.ofSeconds(60)).invoke("ping", 8);
            System.out.println("RESULT " + answer + " " + onB.get("depth") + " " + onC.get("depth"));
            System.out.println("ADDRESSES " + wb.address() + " " + wc.address());
        }
        System.exit(0);
    }
}

package org.pyacq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.pyacq.log.ConsoleColor;
import org.pyacq.log.LogSetup;
import org.pyacq.log.PythonLevels;
import org.pyacq.rpc.RpcServer;

/**
 * The server JVM of a benchmark run: hosts our {@link RpcServer} twice (default security with its
 * same-host endpoint, and plain ZeroMQ; each with a {@link BenchService} published as {@value #TARGET}), the raw JeroMQ ROUTER echo loop and the RMI service, all on
 * loopback. Prints their addresses as one line of JSON on stdout, then serves until its stdin
 * closes, so it never outlives the harness that started it.
 *
 * <pre>
 * java -cp CLASSPATH org.pyacq.bench.BenchServer
 * {"rpc":"tcp://127.0.0.1:40001","raw":"tcp://127.0.0.1:40002","rmi":"127.0.0.1:40003",...}
 * </pre>
 */
public final class BenchServer {
    /** The name under which our RPC server publishes the target object. */
    public static final String TARGET = "target";

    private BenchServer() {
    }

    public static void main(String[] args) throws IOException {
        // stdout carries the address line and nothing else: whatever else writes to it (logging) goes to stderr
        PrintStream addressOut = System.out;
        System.setOut(System.err);
        // warnings only: the server's start and stop at debug level are not part of the report
        LogSetup.configureShortCommandConsole(PythonLevels.WARNING, ConsoleColor.AUTO);
        // RMI stubs carry this host name; it must be set before RMI exports anything
        System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        BenchService service = new BenchService();
        try (RpcServer rpc = RpcServer.builder().name("bench").build().start();
             RpcServer rpcPlain = RpcServer.builder().name("bench-plain").localEndpoint(false)
                     .security(org.pyacq.transport.TransportSecurity.plain(false)).build().start();
             RawEchoServer raw = RawEchoServer.start();
             RmiHost rmi = RmiHost.start(service)) {
            rpc.publish(TARGET, service);
            rpcPlain.publish(TARGET, service);
            addressOut.println(new ServerAddresses(rpc.address(), rpcPlain.address(), raw.address(), rmi.address(),
                    ProcessHandle.current().pid(), Runtime.getRuntime().maxMemory()).toJson());
            addressOut.flush();
            awaitEndOfInput(System.in);
        } catch (RuntimeException | IOException e) {
            System.err.println("bench server failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        // RMI keeps non-daemon threads alive after unexporting
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream in) throws IOException {
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
            // nothing is expected on stdin; only its end matters
        }
    }
}

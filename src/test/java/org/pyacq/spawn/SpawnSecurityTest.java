package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.rpc.AuthenticationException;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.DefaultSecurity;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.transport.CurveSecurity;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Spawned children serve with the parent's keys, received on stdin only: never on their command
 * line or in their environment. Children of an insecure parent are insecure; an access policy given
 * to the spawner limits what the child's callers may reach.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnSecurityTest {

    private static SpawnOptions.Builder options(String name) {
        return SpawnOptions.builder(name).startupTimeout(Duration.ofSeconds(60));
    }

    private static String procFile(long pid, String name) throws IOException {
        // /proc separates arguments and variables with NUL bytes
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), name)), StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }

    @Test
    void aChildsCommandLineAndEnvironmentHoldNoKey() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        KeyPair keys = ((CurveSecurity) DefaultSecurity.get()).keyPair();
        try (SpawnedProcess child = ProcessSpawner.spawn(options("keyless-cmdline").build())) {
            String cmdline = procFile(child.pid(), "cmdline");
            String environ = procFile(child.pid(), "environ");
            List<String> arguments = ProcessHandle.of(child.pid()).orElseThrow().info().arguments().map(List::of)
                    .orElse(List.of());
            assertTrue(cmdline.contains(Bootstrap.class.getName()), cmdline);
            for (String secret : List.of(keys.secretKey(), keys.publicKey())) {
                assertFalse(cmdline.contains(secret), "key material on the command line: " + cmdline);
                assertFalse(environ.contains(secret), "key material in the environment");
                assertFalse(String.join(" ", arguments).contains(secret), "key material in the arguments");
            }
            // and yet it serves with that key: this process's client is accepted
            ObjectProxy list = (ObjectProxy) child.importModule("java.util.ArrayList").call();
            list.invoke("add", "served");
            assertEquals(List.of("served"), list.getValue());
        }
    }

    @Test
    void aChildRefusesAClientWithAnotherKey() {
        try (SpawnedProcess child = ProcessSpawner.spawn(options("guarded-child").build())) {
            CurveSecurity mine = (CurveSecurity) DefaultSecurity.get();
            CurveSecurity stranger = CurveSecurity.builder(KeyPair.generate()).serverKey(mine.serverKey()).build();
            // over ZeroMQ: the same-host path lets in this user's processes whatever key they hold
            try (RpcClient c = RpcClient.open(child.address(), ClientOptions.builder().security(stranger)
                    .path(org.pyacq.transport.PathChoice.ZEROMQ).timeout(Duration.ofSeconds(20)).build())) {
                assertThrows(AuthenticationException.class, c::ping);
            }
            ZMQ.Socket plain = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                plain.setLinger(0);
                plain.setReceiveTimeOut(1000);
                plain.connect(child.address());
                plain.send("1", ZMQ.SNDMORE);
                plain.send("ping", ZMQ.SNDMORE);
                plain.send("auto", ZMQ.SNDMORE);
                plain.send("json", ZMQ.SNDMORE);
                plain.send(new byte[0], 0);
                assertNull(plain.recv(), "a plain client gets nothing from a secure child");
            } finally {
                plain.close();
            }
            child.client().ping();
        }
    }

    @Test
    void theChildrenOfAnInsecureProcessAreInsecure() {
        TransportSecurity previous = DefaultSecurity.peek();
        DefaultSecurity.useInsecure(false);
        try (SpawnedProcess child = ProcessSpawner.spawn(options("plain-child").build())) {
            ZMQ.Socket plain = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                plain.setLinger(0);
                plain.setReceiveTimeOut(10_000);
                plain.connect(child.address());
                plain.send("1", ZMQ.SNDMORE);
                plain.send("ping", ZMQ.SNDMORE);
                plain.send("auto", ZMQ.SNDMORE);
                plain.send("json", ZMQ.SNDMORE);
                plain.send(new byte[0], 0);
                byte[] reply = plain.recv();
                assertNotNull(reply, "a plain client (as Python pyacq) is answered");
                assertTrue(new String(reply, StandardCharsets.UTF_8).contains("pong"));
            } finally {
                plain.close();
            }
        } finally {
            DefaultSecurity.restore(previous);
        }
    }

    @Test
    void anAccessPolicyLimitsWhatTheChildsCallersReach() {
        PackageAccessPolicy policy = PackageAccessPolicy.builder().deny("java.lang.Runtime", "java.lang.System.exit")
                .build();
        try (SpawnedProcess child = ProcessSpawner.spawn(options("restricted").accessPolicy(policy).build())) {
            RemoteCallException imported = assertThrows(RemoteCallException.class,
                    () -> child.importModule("java.lang.Runtime"));
            assertEquals("AccessDeniedException", imported.remoteType());
            assertTrue(imported.getMessage().contains("java.lang.Runtime is not allowed by the server's access policy"
                    + " (denied by 'java.lang.Runtime')"), imported.getMessage());
            // reached through an attribute walk from an allowed package
            ObjectProxy lang = child.importModule("java.lang");
            RemoteCallException walked = assertThrows(RemoteCallException.class,
                    () -> lang.attr("Runtime").attr("getRuntime").call());
            assertEquals("AccessDeniedException", walked.remoteType());
            ObjectProxy system = child.importModule("java.lang.System");
            RemoteCallException exit = assertThrows(RemoteCallException.class, () -> system.attr("exit").call(3));
            assertTrue(exit.getMessage().contains("java.lang.System.exit is not allowed by the server's access policy"),
                    exit.getMessage());
            assertTrue(child.isAlive());
            // what is not denied still works
            assertEquals("pong", child.client().importModule("java.lang.String").invoke("valueOf", "pong"));
        }
    }
}

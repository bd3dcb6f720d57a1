package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.testing.Requirements;
import org.pyacq.transport.LocalDirectory;
import org.pyacq.transport.LocalPathException;
import org.pyacq.transport.PathChoice;

/**
 * The same-host path (Unix domain sockets checked by the kernel) between real JVMs: chosen by
 * itself, owner-only files, reentrancy and threads over it, peers that die mid-transfer, another
 * user refused, and the fall-back to ZeroMQ.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalPathTest {
    private final List<Process> children = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        for (Process p : children) {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** A child JVM running {@link LocalServerMain} with {@code args}; its first stdout line is returned. */
    private String startChild(List<String> extra, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(extra);
        cmd.add(LocalServerMain.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        return readLine(p);
    }

    private static String readLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null) {
            throw new AssertionError("the child JVM ended before printing its first line");
        }
        return line.trim();
    }

    private RpcClient client(String address, PathChoice path) {
        RpcClient c = RpcClient.open(address, ClientOptions.builder().path(path).timeout(Duration.ofSeconds(30)).build());
        closeables.add(c);
        return c;
    }

    @Test
    void aClientTakesTheLocalPathToAServerJvmOfTheSameUserWithOwnerOnlyFiles() throws Exception {
        String address = startChild(List.of());
        RpcClient c = client(address, PathChoice.AUTO);
        ObjectProxy svc = (ObjectProxy) c.get("svc");
        assertEquals(5, svc.invoke("add", 2, 3));
        assertEquals(PathChoice.LOCAL, c.currentPath().orElseThrow());
        Path file = LocalDirectory.defaultLocation().socketFile(address).orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        double[] data = new double[3 << 20];
        data[data.length - 1] = 42.5;
        double[] back = (double[]) svc.invoke("echoArray", (Object) data);
        assertEquals(42.5, back[back.length - 1]);

        children.get(0).getOutputStream().close();   // the server closes: its socket file goes with it
        assertTrue(children.get(0).waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(file), file + " is still there after its server closed");
    }

    @Test
    void aReentrantChainOfDepthEightAndManyThreadsWorkOverTheLocalPath() throws Exception {
        String address = startChild(List.of());
        try (RpcServer here = RpcServer.builder().name("here").build().start()) {
            PingPong mine = new PingPong();
            here.publish("pp", mine);
            RpcClient toChild = client(address, PathChoice.LOCAL);
            RpcClient toHere = client(here.address(), PathChoice.LOCAL);
            ObjectProxy theirs = (ObjectProxy) toChild.get("pp");
            ObjectProxy ours = (ObjectProxy) toHere.get("pp");
            theirs.invoke("setPartner", ours);
            ours.invoke("setPartner", theirs);
            assertEquals("reentrant!", theirs.withTimeout(Duration.ofSeconds(60)).invoke("ping", 8));
            assertEquals(7, mine.depth);
            assertTrue(here.localConnectionCount() > 0, "the child called back over the local path");

            ObjectProxy svc = (ObjectProxy) toChild.get("svc");
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<Long>> sums = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    int base = t * 1000;
                    sums.add(pool.submit(() -> {
                        long sum = 0;
                        List<RpcFuture<Object>> async = new ArrayList<>();
                        for (int i = 0; i < 150; i++) {
                            sum += (Integer) svc.invoke("add", base, i);
                            async.add(svc.invokeAsync("add", base, i));
                        }
                        for (RpcFuture<Object> f : async) {
                            sum += (Integer) f.get(60, TimeUnit.SECONDS);
                        }
                        return sum;
                    }));
                }
                for (int t = 0; t < 12; t++) {
                    long expected = 2L * (150L * t * 1000 + 149L * 150 / 2);
                    assertEquals(expected, sums.get(t).get(120, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(PathChoice.LOCAL, toChild.currentPath().orElseThrow());
        }
    }

    @Test
    void killingTheServerMidTransferFailsPendingCallsAtOnceAndSweepsItsSocketFile() throws Exception {
        String address = startChild(List.of());
        RpcClient c = client(address, PathChoice.AUTO);
        ObjectProxy svc = ((ObjectProxy) c.get("svc")).withTimeout(Duration.ofSeconds(120));
        assertEquals(PathChoice.LOCAL, c.currentPath().orElseThrow());
        Path file = LocalDirectory.defaultLocation().socketFile(address).orElseThrow();
        double[] big = new double[8 << 20];   // 64 MiB each way
        List<RpcFuture<Object>> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(svc.invokeAsync("echoArray", (Object) big));
        }
        pending.add(svc.invokeAsync("sleepThenReturn", 100.0, "late"));
        children.get(0).destroyForcibly();
        long start = System.nanoTime();
        for (RpcFuture<Object> f : pending) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            assertInstanceOf(ServerDisconnectedException.class, e.getCause(), e.getCause().toString());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "the calls failed by their timeout");
        RpcTestSupport.awaitCondition("the dead server's socket file is swept", Duration.ofSeconds(30),
                () -> !Files.exists(file));
        // the ended connection must not keep waking the client's I/O thread (it spun at full speed
        // until the client was closed, and starved the machine); it sleeps until it has work.
        // Observed over a window: there is no event to await for "nothing happens".
        long before = c.reactor().passes();
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        long passes = c.reactor().passes() - before;
        assertTrue(passes < 20, "the client's I/O thread went round its loop " + passes + " times in 0.5 s while idle");
    }

    @Test
    void aClientKilledMidTransferCostsTheServerNothing() throws Exception {
        try (RpcServer here = RpcServer.builder().name("victim").build().start()) {
            here.publish("svc", new TestService("here"));
            String path = startChild(List.of(), "client", here.address(), "32");
            assertEquals("path local", path);
            assertEquals("sending", readLine(children.get(0)));
            children.get(0).destroyForcibly();
            assertTrue(children.get(0).waitFor(30, TimeUnit.SECONDS));
            RpcTestSupport.awaitCondition("the server drops the dead client's connection", Duration.ofSeconds(30),
                    () -> here.localConnectionCount() == 0);
            RpcClient c = client(here.address(), PathChoice.LOCAL);
            assertEquals(7, ((ObjectProxy) c.get("svc")).invoke("add", 3, 4));
        }
    }

    @Test
    void aServerWithoutALocalEndpointIsReachedOverZeroMqAndForcingLocalSaysWhy() {
        try (RpcServer plainOnly = RpcServer.builder().name("zmq-only").localEndpoint(false).build().start()) {
            plainOnly.publish("svc", new TestService("zmq"));
            RpcClient auto = client(plainOnly.address(), PathChoice.AUTO);
            assertEquals(9, ((ObjectProxy) auto.get("svc")).invoke("add", 4, 5));
            assertEquals(PathChoice.ZEROMQ, auto.currentPath().orElseThrow());

            RpcClient forced = client(plainOnly.address(), PathChoice.LOCAL);
            LocalPathException e = assertThrows(LocalPathException.class, forced::ping);
            assertTrue(e.getMessage().startsWith("the local path to " + plainOnly.address() + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("cannot be used: no server of this user listens there"), e.getMessage());

            RpcClient zmq = client(plainOnly.address(), PathChoice.ZEROMQ);
            zmq.ping();
            assertEquals(PathChoice.ZEROMQ, zmq.currentPath().orElseThrow());
        }
    }

    @Test
    void aStaleSocketFileFallsBackToZeroMq(@TempDir Path tmp) throws Exception {
        try (RpcServer s = RpcServer.builder().name("stale").localEndpoint(false).build().start()) {
            Path file = LocalDirectory.defaultLocation().prepare().socketFile(s.address()).orElseThrow();
            Files.deleteIfExists(file);   // one a killed process left at this port earlier: ours replaces it
            try (var dead = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                dead.bind(java.net.UnixDomainSocketAddress.of(file));
            }
            // the channel is closed, the file stays: nothing listens there
            assertTrue(Files.exists(file));
            RpcClient auto = client(s.address(), PathChoice.AUTO);
            auto.ping();
            assertEquals(PathChoice.ZEROMQ, auto.currentPath().orElseThrow());
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aProcessOfAnotherUserIsRefusedByTheKernelCheck(@TempDir Path tmp) throws Exception {
        Requirements.assumeRoot("running a process as another uid");
        Requirements.assumeTool("/usr/bin/setpriv", "util-linux");
        Path dir = tmp.resolve("local");
        try (RpcServer s = RpcServer.builder().name("guarded").localDirectory(LocalDirectory.at(dir)).build().start()) {
            Path file = s.localEndpoint().orElseThrow();
            // open the way on purpose, so that only the peer-credential check stands between
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
            Path probe = tmp.resolve("Probe.java");
            Files.writeString(probe, PROBE);
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), probe.toString(), file.toString(),
                    s.address()).redirectErrorStream(true).start();
            children.add(p);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertTrue(out.startsWith("refused"), "the other user's process said: " + out);
            try (var mine = org.pyacq.transport.LocalConnection.connect(file, "me#j1".getBytes(StandardCharsets.UTF_8),
                    s.address(), 1 << 20, Duration.ofSeconds(10))) {
                RpcTestSupport.awaitCondition("the server counts our connection", Duration.ofSeconds(10),
                        () -> s.localConnectionCount() == 1);
            }
        }
    }

    /** Connects as another user, says hello as our clients do, and reports what the server did. */
    private static final String PROBE = String.join("\n",
            "import java.net.*; import java.nio.*; import java.nio.channels.*; import java.nio.file.*;",
            "public class Probe { public static void main(String[] a) throws Exception {",
            "  try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(Path.of(a[0])))) {",
            "    byte[] m = \"pyacq-local/1\".getBytes(), id = \"intruder#j1\".getBytes(), ad = a[1].getBytes();",
            "    ByteBuffer b = ByteBuffer.allocate(20 + m.length + id.length + ad.length);",
            "    b.putInt(4).putInt(m.length).putInt(id.length).putInt(ad.length).putInt(0).put(m).put(id).put(ad).flip();",
            "    try { while (b.hasRemaining()) ch.write(b); } catch (java.io.IOException e) { }",
            "    ByteBuffer r = ByteBuffer.allocate(4096);",
            "    int n;",
            "    try { n = ch.read(r); } catch (java.io.IOException e) { System.out.println(\"refused: \" + e.getMessage()); return; }",
            "    System.out.println(n < 0 ? \"refused: closed\" : \"answered \" + n + \" bytes\");",
            "  } catch (Exception e) { System.out.println(\"could not connect: \" + e); }",
            "}}");
}

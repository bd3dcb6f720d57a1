package org.pyacq.readme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.RpcFuture;
import org.pyacq.rpc.RpcServer;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnOptions;
import org.pyacq.spawn.SpawnedProcess;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.Serializers;

/**
 * The Java samples of README.md, each between "README:NAME" markers. ReadmeTest checks that the
 * README shows exactly this code, and ReadmeSamplesTest runs it and checks what it prints, so the
 * README cannot rot.
 */
final class ReadmeSamples {
    private ReadmeSamples() {
    }

    /** Spawn a child JVM, create an object in it, call it synchronously, asynchronously and fire-and-forget. */
    static void spawn() {
        // README:spawn begin
        try (SpawnedProcess worker = ProcessSpawner.spawn(SpawnOptions.builder("worker")
                .jvmOptions("-Xmx256m").build())) {
            ObjectProxy list = (ObjectProxy) worker.importModule("java.util.ArrayList").call();
            list.invoke("add", "first");                            // synchronous
            int size = list.invoke(Integer.class, "size");           // result converted to Integer
            RpcFuture<Object> first = list.invokeAsync("get", 0);    // asynchronous
            list.invokeOff("add", "second");                        // fire and forget
            System.out.println(size + " " + first.result());        // 1 first
        }
        // README:spawn end
    }

    /** Typed views, callbacks, arrays and remote errors, in the process {@code worker}. */
    static void views(SpawnedProcess worker) {
        // README:views begin
        ObjectProxy remoteMap = (ObjectProxy) worker.importModule("java.util.LinkedHashMap").call();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = remoteMap.as(Map.class);      // a local Map backed by the remote one
        map.put("gain", 2.5);
        System.out.println(map.get("gain") + " " + map.size()); // 2.5 1

        ObjectProxy list = (ObjectProxy) worker.importModule("java.util.ArrayList").call();
        list.invoke("add", 42);
        List<Object> seen = new CopyOnWriteArrayList<>();
        list.invoke("forEach", (Consumer<Object>) seen::add);   // the child calls back into this JVM
        System.out.println(seen);                               // [42]

        NdArray image = NdArray.wrap(DType.UINT16, new short[480 * 640], 480, 640);
        list.invoke("add", image);                              // 600 KiB sent as one bulk copy

        try {
            list.invoke("get", 7);
        } catch (RemoteCallException e) {
            System.out.println(e.summary());                    // IndexOutOfBoundsException: Index 7 out of bounds for length 2
        }
        // README:views end
    }

    /** Serve objects of this JVM to other processes (Java or Python). */
    static void serve() {
        // README:serve begin
        try (RpcServer server = RpcServer.builder().name("acquisition").build().start()) {
            server.publish("samples", new ArrayList<Double>());
            System.out.println("clients connect to " + server.address());

            RpcClient client = RpcClient.connect(server.address());  // from any process of this user
            ObjectProxy samples = (ObjectProxy) client.get("samples");
            samples.invoke("add", 0.5);
            System.out.println(samples.getValue());                  // [0.5]
        }
        // README:serve end
    }

    /** Drive the daemon of {@code runtimeDir} from Java, as the command line does. */
    static void daemon(Path runtimeDir) {
        // README:daemon begin
        try (DaemonSession daemon = DaemonSession.open(runtimeDir, true, Duration.ofSeconds(30))) {
            daemon.spawn(Map.of("name", "w2", "restart", "on-failure", "jvm_options", List.of("-Xmx256m")));
            RpcClient w2 = daemon.process("w2");
            System.out.println(w2.importModule("java.lang.System").invoke("getProperty", "java.version"));
            System.out.println(daemon.ps().get(0).get("status"));  // running
        }
        // README:daemon end
    }

    /** A client with options of its own, to the server at {@code address}. */
    static void client(String address) {
        // README:client begin
        try (RpcClient client = RpcClient.open(address, ClientOptions.builder()
                .serializer(Serializers.JSON)
                .timeout(Duration.ofSeconds(60))
                .build())) {
            System.out.println(client.importModule("java.lang.Math").invoke("max", 3, 7));   // 7
        }
        // README:client end
    }
}

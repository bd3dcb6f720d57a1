package org.pyacq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;
import org.pyacq.rpc.invoke.PackageAccessPolicy;
import org.pyacq.spawn.ProcessSpawner;
import org.pyacq.spawn.SpawnOptions;
import org.pyacq.spawn.SpawnedProcess;
import org.pyacq.transport.ZmqRuntime;
import org.pyacq.wire.Action;
import org.pyacq.wire.Reply;
import org.pyacq.wire.Request;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Fires mutated requests (a seeded random mutator over real requests of every action, in both
 * serializers) at a live server in a child JVM with a small heap. Between batches the server must
 * still answer a well-formed ping on the same connection and real calls from a normal client, and
 * its heap in use after GC must stay under a bound. Deterministic: the seed is fixed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RequestFuzzTest {
    private static final long SEED = 0x5eed_2024L;
    private static final int REQUESTS = Integer.getInteger("pyacq.fuzz.requests", 20_000);
    private static final int BATCH = 1_000;
    private static final long HEAP_BOUND = 96L << 20;
    /** Sentinel request ids: larger than any int, so no mutated request carries them. */
    private static final long SENTINEL = 7_000_000_000L;

    @Test
    void mutatedRequestsNeitherStopTheServerNorGrowItsMemory() {
        // the allow list keeps mutated imports and walks away from anything with side effects
        PackageAccessPolicy policy = PackageAccessPolicy.builder().allow(FuzzService.class.getName(), "java.lang.Math")
                .build();
        SpawnOptions options = SpawnOptions.builder("fuzz-target").jvmOptions("-Xmx256m")
                .startupClass(FuzzTarget.class.getName()).accessPolicy(policy).logLevel(40)
                .startupTimeout(Duration.ofSeconds(60)).build();
        try (SpawnedProcess child = ProcessSpawner.spawn(options)) {
            RpcClient client = child.client();
            ObjectProxy svc = (ObjectProxy) client.get("svc");
            List<List<byte[]>> corpus = capture(client, svc);
            RequestMutator mutator = new RequestMutator(SEED, corpus);

            ZMQ.Socket raw = ZmqRuntime.context().createSocket(SocketType.DEALER);
            try {
                raw.setLinger(0);
                raw.setRcvHWM(0);
                raw.setSndHWM(0);
                raw.setReceiveTimeOut(30_000);
                raw.setIdentity("fuzzer".getBytes(StandardCharsets.US_ASCII));
                DefaultSecurity.get().applyToClient(raw);
                raw.connect(child.address());
                long baseline = usedHeap(svc);
                Map<String, Integer> outcomes = new TreeMap<>();
                int sent = 0;
                long peak = 0;
                for (int batch = 0; sent < REQUESTS; batch++) {
                    for (int i = 0; i < BATCH && sent < REQUESTS; i++, sent++) {
                        send(raw, mutator.next());
                    }
                    awaitSentinel(raw, SENTINEL + batch, sent, outcomes);
                    assertEquals(5, svc.invoke("add", 2, 3), "a real call after " + sent + " mutated requests");
                    assertEquals(7, client.importModule("java.lang.Math").invoke("max", 7, 1));
                    long used = usedHeap(svc);
                    assertTrue(used < HEAP_BOUND, "after " + sent + " mutated requests the server uses " + (used >> 20)
                            + " MiB of heap after GC (at start: " + (baseline >> 20) + " MiB)");
                    peak = Math.max(peak, used);
                }
                assertTrue(child.isAlive());
                System.out.println("fuzz: " + sent + " mutated requests; replies by outcome " + outcomes
                        + "; heap after GC " + (baseline >> 10) + " KiB at start, at most " + (peak >> 10) + " KiB");
                // the mutations must reach past frame parsing: some calls still succeed, some fail in decoding
                assertTrue(outcomes.getOrDefault("return", 0) > REQUESTS / 50, String.valueOf(outcomes));
                assertTrue(outcomes.getOrDefault("WireFormatException", 0) > REQUESTS / 50, String.valueOf(outcomes));
            } finally {
                raw.close();
            }
        }
    }

    private static long usedHeap(ObjectProxy svc) {
        return ((Number) svc.invoke("usedHeapAfterGc")).longValue();
    }

    /** Valid requests of every action except close, in both serializers and with each return type. */
    private static List<List<byte[]>> capture(RpcClient client, ObjectProxy svc) {
        ObjectProxy math = client.importModule("java.lang.Math");
        ObjectProxy spare = (ObjectProxy) client.get("svc");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, -2, 3.5, "four", List.of(), Map.of()));
        nested.put("bytes", new byte[] {0, 1, 2, (byte) 0xff});
        nested.put("array", new double[] {1.5, -2.5, 3.25});
        nested.put("ints", new int[] {1, 2, 3});
        nested.put("when", LocalDateTime.of(2024, 5, 6, 7, 8, 9, 10_000));
        nested.put("none", null);
        nested.put("flag", true);
        List<Map<String, Object>> options = new ArrayList<>();
        options.add(null);                                                          // ping
        options.add(Map.of("name", "svc"));                                         // get_item
        options.add(Map.of("name", "scratch", "obj", List.of(1, "two", 3.0)));      // set_item
        options.add(Map.of("obj", svc.ref()));                                      // get_obj
        options.add(Map.of("obj", svc.attr("add").ref(), "args", List.of(2, 3), "kwargs", Map.of()));
        options.add(Map.of("obj", svc.attr("echo").ref(), "args", List.of(nested)));
        options.add(Map.of("obj", svc.attr("describe").ref(), "args", List.of(Map.of("a", 1, "b", List.of()))));
        options.add(Map.of("obj", svc.attr("count").ref(), "args", List.of(List.of(1, 2, 3))));
        options.add(Map.of("obj", math.attr("max").ref(), "args", List.of(4, 9)));
        options.add(Map.of("module", "java.lang.Math"));                            // import
        options.add(Map.of("obj_id", spare.ref().objId(), "ref_id", spare.ref().refId()));   // delete
        Action[] actions = {Action.PING, Action.GET_ITEM, Action.SET_ITEM, Action.GET_OBJ, Action.CALL_OBJ,
            Action.CALL_OBJ, Action.CALL_OBJ, Action.CALL_OBJ, Action.CALL_OBJ, Action.IMPORT, Action.DELETE};
        List<List<byte[]>> corpus = new ArrayList<>();
        long id = 0;
        for (Serializer s : List.of(Serializers.MSGPACK, Serializers.JSON)) {
            for (ReturnType rt : ReturnType.values()) {
                for (int i = 0; i < actions.length; i++) {
                    List<byte[]> frames = new ArrayList<>(List.of(Request.headerFrames(id++, actions[i], rt, s)));
                    frames.add(options.get(i) == null ? new byte[0] : s.encodeToBytes(options.get(i), ValueMapper.PLAIN));
                    corpus.add(frames);
                }
            }
        }
        return corpus;
    }

    private static void send(ZMQ.Socket raw, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            raw.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /**
     * Sends a well-formed ping and reads replies until its own comes: the server handles one
     * connection's requests in order, so every earlier request has been dealt with by then.
     */
    private static void awaitSentinel(ZMQ.Socket raw, long id, int sent, Map<String, Integer> outcomes) {
        List<byte[]> ping = new ArrayList<>(List.of(Request.headerFrames(id, Action.PING, ReturnType.AUTO,
                Serializers.JSON)));
        ping.add(new byte[0]);
        send(raw, ping);
        String mark = "\"req_id\":" + id;
        while (true) {
            byte[] reply = raw.recv();
            assertNotNull(reply, "no answer to a well-formed ping within 30 s after " + sent + " mutated requests");
            String text = new String(reply, StandardCharsets.UTF_8);
            if (text.replace(" ", "").contains(mark)) {
                Reply r = Reply.fromWire(Serializers.JSON.decode(ByteBuffer.wrap(reply), ValueMapper.PLAIN));
                assertEquals("pong", r.value());
                return;
            }
            outcomes.merge(outcome(reply), 1, Integer::sum);
        }
    }

    /** "return", or the error type of a reply. */
    private static String outcome(byte[] reply) {
        for (Serializer s : List.of(Serializers.MSGPACK, Serializers.JSON)) {
            try {
                Reply r = Reply.fromWire(s.decode(ByteBuffer.wrap(reply), ValueMapper.PLAIN));
                return r.kind() == Reply.Kind.ERROR ? r.errorType() : "return";
            } catch (RuntimeException e) {
                // the other serializer
            }
        }
        return "unreadable";
    }
}

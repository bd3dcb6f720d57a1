package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.transport.DefaultSecurity;
import org.pyacq.transport.ZmqRuntime;
import org.pyacq.wire.Reply;
import org.pyacq.wire.Serializers;
import org.pyacq.wire.ValueMapper;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/** A server answers or logs malformed requests and keeps serving. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerRobustnessTest {
    private RpcServer server;
    private ZMQ.Socket raw;

    @BeforeEach
    void start() {
        server = RpcServer.builder().name("robust").build().start();
        raw = ZmqRuntime.context().createSocket(SocketType.DEALER);
        raw.setReceiveTimeOut(10_000);
        raw.setLinger(0);
        DefaultSecurity.get().applyToClient(raw);
        raw.connect(server.address());
    }

    @AfterEach
    void stop() {
        raw.close();
        server.close();
    }

    private void sendRaw(String... frames) {
        for (int i = 0; i < frames.length; i++) {
            raw.send(frames[i].getBytes(StandardCharsets.UTF_8), i < frames.length - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private Reply receiveReply() {
        byte[] frame = raw.recv();
        assertNotNull(frame, "no reply within 10 s");
        return Reply.fromWire(Serializers.MSGPACK.decode(ByteBuffer.wrap(frame), ValueMapper.PLAIN));
    }

    private String errorOf(Reply r, long id) {
        assertEquals(Reply.Kind.ERROR, r.kind());
        assertEquals(id, r.reqId());
        return String.join("", r.errorLines());
    }

    private void assertStillServes() {
        byte[] ping = new byte[0];
        raw.send("99".getBytes(StandardCharsets.US_ASCII), ZMQ.SNDMORE);
        raw.send("ping", ZMQ.SNDMORE);
        raw.send("auto", ZMQ.SNDMORE);
        raw.send("msgpack", ZMQ.SNDMORE);
        raw.send(ping, 0);
        Reply r = receiveReply();
        assertEquals(99, r.reqId());
        assertEquals("pong", r.value());
    }

    @Test
    void aRequestWithTheWrongFrameCountGetsAnErrorReply() {
        sendRaw("5", "ping", "auto");
        String text = errorOf(receiveReply(), 5);
        assertTrue(text.contains("a request has 5 frames (id, action, return type, serializer, options), got 3"), text);
        String[] many = new String[20];
        java.util.Arrays.fill(many, "x");
        many[0] = "6";
        sendRaw(many);
        assertTrue(errorOf(receiveReply(), 6).contains("got 20"));
        assertStillServes();
    }

    @Test
    void anUnknownActionGetsAnErrorReply() {
        sendRaw("7", "explode", "auto", "msgpack", "");
        Reply r = receiveReply();
        assertEquals("MalformedRequestException", r.errorType());
        assertTrue(errorOf(r, 7).contains("unknown action 'explode'; the protocol has [call_obj, get_obj, get_item,"
                + " set_item, delete, import, ping, close, lease]"));
        assertStillServes();
    }

    @Test
    void undecodableOptionsGetAnErrorReply() {
        raw.send("8", ZMQ.SNDMORE);
        raw.send("call_obj", ZMQ.SNDMORE);
        raw.send("auto", ZMQ.SNDMORE);
        raw.send("msgpack", ZMQ.SNDMORE);
        raw.send(new byte[] {(byte) 0xc1, 0x00, 0x13}, 0);
        assertTrue(errorOf(receiveReply(), 8).contains("malformed msgpack"));
        sendRaw("9", "call_obj", "auto", "json", "{not json");
        Reply r = ReplyJson.receive(raw);
        assertTrue(errorOf(r, 9).contains("malformed JSON"));
        sendRaw("10", "call_obj", "auto", "json", "[1, 2]");
        assertTrue(errorOf(ReplyJson.receive(raw), 10).contains("request options must be a map, got a list"));
        assertStillServes();
    }

    @Test
    void anUnknownSerializerIsAnsweredInMsgpack() {
        sendRaw("11", "ping", "auto", "yaml", "");
        assertTrue(errorOf(receiveReply(), 11).contains("unknown serializer 'yaml'; use one of [msgpack, json]"));
        assertStillServes();
    }

    @Test
    void requestsWithoutAUsableIdAreDroppedAndLogged() {
        sendRaw("abc", "ping", "auto", "msgpack", "");
        sendRaw("garbage");
        sendRaw("-1", "ping", "auto", "msgpack", "");
        assertStillServes();
        raw.setReceiveTimeOut(200);
        assertNull(raw.recv(), "nothing else should have been answered");
    }

    @Test
    void keywordArgumentsAreRefusedClearly() {
        server.publish("svc", new TestService("kw"));
        RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults());
        try {
            ObjectProxy svc = (ObjectProxy) client.get("svc");
            String body = new String(Serializers.JSON.encodeToBytes(Map.of("obj", svc.attr("add").ref(),
                    "args", List.of(1, 2), "kwargs", Map.of("x", 1)), ValueMapper.PLAIN), StandardCharsets.UTF_8);
            sendRaw("12", "call_obj", "auto", "json", body);
            Reply r = ReplyJson.receive(raw);
            assertEquals(12, r.reqId());
            assertTrue(String.join("", r.errorLines()).contains(
                    "keyword arguments [x] cannot be passed: Java methods take positional arguments only"));
        } finally {
            client.close();
        }
    }

    /** Reads a JSON reply. */
    static final class ReplyJson {
        static Reply receive(ZMQ.Socket s) {
            byte[] frame = s.recv();
            assertNotNull(frame);
            return Reply.fromWire(Serializers.JSON.decode(ByteBuffer.wrap(frame), ValueMapper.PLAIN));
        }
    }
}

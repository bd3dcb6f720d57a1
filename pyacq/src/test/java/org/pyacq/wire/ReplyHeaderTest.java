package org.pyacq.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reading a reply's routing keys without decoding its value, in both formats and from both kinds of memory. */
class ReplyHeaderTest {
    private static Serializer serializer(String name) {
        return name.equals("json") ? Serializers.JSON : Serializers.MSGPACK;
    }

    private static ByteBuffer encode(Serializer s, Map<String, Object> reply, boolean direct) {
        byte[] bytes = s.encodeToBytes(reply, ValueMapper.PLAIN);
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        return b.put(bytes).flip();
    }

    private static Map<String, Object> reply(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json"})
    void aReturnReplyGivesItsRequestIdWhateverComesFirst(String format) {
        Serializer s = serializer(format);
        Map<String, Object> valueFirst = reply("return", List.of(1, "two", Map.of("k", 3.5)), "error", null,
                "action", "return", "req_id", 4_000_000_000L);
        for (boolean direct : new boolean[] {false, true}) {
            assertEquals(new ReplyHeader(false, 4_000_000_000L), ReplyHeader.peek(s, encode(s, valueFirst, direct)));
            assertEquals(new ReplyHeader(false, 7), ReplyHeader.peek(s,
                    encode(s, reply("action", "return", "req_id", 7, "return", "x"), direct)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json"})
    void aDisconnectNoticeNeedsNoRequestId(String format) {
        Serializer s = serializer(format);
        assertEquals(new ReplyHeader(true, Request.NO_REPLY), ReplyHeader.peek(s, encode(s, reply("action", "disconnect"), false)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json"})
    void peekingLeavesTheFramePositionAlone(String format) {
        Serializer s = serializer(format);
        ByteBuffer frame = encode(s, reply("action", "return", "req_id", 1), false);
        int before = frame.position();
        ReplyHeader.peek(s, frame);
        assertEquals(before, frame.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"msgpack", "json"})
    void repliesWithoutAnActionOrIdAreRejectedWithTheReason(String format) {
        Serializer s = serializer(format);
        assertEquals("unknown reply action 'call'", assertThrows(WireFormatException.class,
                () -> ReplyHeader.peek(s, encode(s, reply("action", "call", "req_id", 1), false))).getMessage());
        assertEquals("reply has no integer 'req_id'", assertThrows(WireFormatException.class,
                () -> ReplyHeader.peek(s, encode(s, reply("action", "return", "req_id", "1"), false))).getMessage());
        assertEquals("unknown reply action 'null'", assertThrows(WireFormatException.class,
                () -> ReplyHeader.peek(s, encode(s, reply("req_id", 1), false))).getMessage());
    }

    @Test
    void aFrameThatIsNotAMapIsRejected() {
        assertEquals("a reply must be a map", assertThrows(WireFormatException.class,
                () -> ReplyHeader.peek(Serializers.MSGPACK, ByteBuffer.wrap(new byte[] {(byte) 0x93, 1, 2, 3}))).getMessage());
        assertEquals("a reply must be a map", assertThrows(WireFormatException.class,
                () -> ReplyHeader.peek(Serializers.JSON, ByteBuffer.wrap("[1]".getBytes(StandardCharsets.UTF_8)))).getMessage());
    }

    @Test
    void routingKeysAfterALargeDirectPrefixAreStillFound() {
        // direct frames are scanned from a 4 KiB copied prefix first; keys past it need the whole frame
        Map<String, Object> late = reply("return", new byte[10_000], "action", "return", "req_id", 99);
        assertEquals(new ReplyHeader(false, 99), ReplyHeader.peek(Serializers.MSGPACK, encode(Serializers.MSGPACK, late, true)));
    }

    @Test
    void aTruncatedMsgpackReplyIsRejected() {
        byte[] whole = Serializers.MSGPACK.encodeToBytes(reply("action", "return", "req_id", 123456), ValueMapper.PLAIN);
        ByteBuffer cut = ByteBuffer.wrap(whole, 0, whole.length - 2).slice();
        assertEquals("msgpack value runs past the end of the frame",
                assertThrows(WireFormatException.class, () -> ReplyHeader.peek(Serializers.MSGPACK, cut)).getMessage());
    }
}

package org.pyacq.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SerializerRoundTripTest {

    static Stream<Serializer> serializers() {
        return Stream.of(Serializers.MSGPACK, Serializers.JSON);
    }

    private static Object roundTrip(Serializer s, Object value) {
        FrameBuffer out = FrameBuffer.heap(16);
        s.encode(value, ValueMapper.PLAIN, out);
        return s.decode(out.frame(), ValueMapper.PLAIN);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void scalarsKeepTheirValues(Serializer s) {
        assertNull(roundTrip(s, null));
        assertEquals(true, roundTrip(s, true));
        assertEquals(false, roundTrip(s, false));
        assertEquals(0, roundTrip(s, 0));
        assertEquals(-7, roundTrip(s, (byte) -7));
        assertEquals(300, roundTrip(s, (short) 300));
        assertEquals(Integer.MIN_VALUE, roundTrip(s, Integer.MIN_VALUE));
        assertEquals(Long.MAX_VALUE, roundTrip(s, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, roundTrip(s, Long.MIN_VALUE));
        assertEquals(new BigInteger("18446744073709551615"), roundTrip(s, new BigInteger("18446744073709551615")));
        assertEquals(2.5, roundTrip(s, 2.5));
        assertEquals(Double.NaN, roundTrip(s, Double.NaN));
        assertEquals(Double.NEGATIVE_INFINITY, roundTrip(s, Double.NEGATIVE_INFINITY));
        assertEquals(1.5f, ((Number) roundTrip(s, 1.5f)).floatValue());
        assertEquals("héllo ✓", roundTrip(s, "héllo ✓"));
        assertEquals("x", roundTrip(s, 'x'));
        assertEquals("chars", roundTrip(s, "chars".toCharArray()));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void smallIntegersArriveAsIntegerAndLargeOnesAsLong(Serializer s) {
        assertInstanceOf(Integer.class, roundTrip(s, 5L));
        assertInstanceOf(Long.class, roundTrip(s, 1L << 40));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void bytesDatesAndContainersRoundTrip(Serializer s) {
        assertArrayEquals(new byte[] {0, 1, -1, 127}, (byte[]) roundTrip(s, new byte[] {0, 1, -1, 127}));
        LocalDateTime t = LocalDateTime.of(2026, 11, 25, 13, 4, 5, 123456000);
        assertEquals(t, roundTrip(s, t));
        assertEquals(LocalDate.of(1999, 12, 31), roundTrip(s, LocalDate.of(1999, 12, 31)));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", 3.0, List.of()));
        nested.put("map", Map.of("k", "v"));
        nested.put("null", null);
        assertEquals(nested, roundTrip(s, nested));
        assertEquals(List.of(1, 2, 3), roundTrip(s, new LinkedHashSet<>(List.of(1, 2, 3))));
        assertEquals(List.of("a", 2), roundTrip(s, new Object[] {"a", 2}));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void datetimeIsWrittenWithSixFractionDigits(Serializer s) {
        FrameBuffer out = FrameBuffer.heap(16);
        Serializers.JSON.encode(LocalDateTime.of(2020, 1, 2, 3, 4, 5), ValueMapper.PLAIN, out);
        assertEquals("{\"___type_name___\":\"datetime\",\"data\":\"2020-01-02T03:04:05.000000\"}",
                new String(out.toByteArray()));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void primitiveArraysTravelAsNdarrays(Serializer s) {
        assertArrayEquals(new double[] {1.5, -2, 1e300}, (double[]) roundTrip(s, new double[] {1.5, -2, 1e300}));
        assertArrayEquals(new float[] {1.5f, -2f}, (float[]) roundTrip(s, new float[] {1.5f, -2f}));
        assertArrayEquals(new long[] {Long.MIN_VALUE, 3}, (long[]) roundTrip(s, new long[] {Long.MIN_VALUE, 3}));
        assertArrayEquals(new int[] {-1, 2}, (int[]) roundTrip(s, new int[] {-1, 2}));
        assertArrayEquals(new short[] {-1, 2}, (short[]) roundTrip(s, new short[] {-1, 2}));
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) roundTrip(s, new boolean[] {true, false}));
        assertArrayEquals(new double[0], (double[]) roundTrip(s, new double[0]));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void multiDimensionalAndUnsignedArraysKeepShapeAndDtype(Serializer s) {
        NdArray image = NdArray.wrap(DType.UINT16, new short[] {1, 2, 3, (short) 65535, 5, 6}, 2, 3);
        NdArray back = (NdArray) roundTrip(s, image);
        assertEquals(image, back);
        assertEquals(65535, back.getLong(back.index(1, 0)));
        for (DType d : DType.values()) {
            Object data = java.lang.reflect.Array.newInstance(d.storage().getComponentType(), 4 * (d.isComplex() ? 2 : 1));
            NdArray a = NdArray.wrap(d, data, 2, 2);
            assertEquals(a, roundTrip(s, a), d.numpyName());
        }
        NdArray matrix = NdArray.fromNested(new double[][] {{1, 2, 3}, {4, 5, 6}});
        NdArray m2 = (NdArray) roundTrip(s, matrix);
        assertArrayEquals(new int[] {2, 3}, m2.shape());
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, (double[][]) m2.toNested());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void proxiesKeepTheirIdentity(Serializer s) {
        ProxyRef ref = new ProxyRef("tcp://127.0.0.1:5000", 7, 42, "java.util.ArrayList", List.of("size"));
        assertEquals(ref, roundTrip(s, ref));
        assertEquals(List.of(ref), roundTrip(s, List.of(ref)));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void unknownObjectsGoThroughTheMapper(Serializer s) {
        ProxyRef stand = new ProxyRef("tcp://127.0.0.1:1", 1, 1, "Thread", List.of());
        ValueMapper mapper = new ValueMapper() {
            @Override
            public Object replace(Object value) {
                return stand;
            }

            @Override
            public Object resolve(ProxyRef ref) {
                return "resolved " + ref.objId();
            }
        };
        FrameBuffer out = FrameBuffer.heap(16);
        s.encode(List.of(new Object()), mapper, out);
        assertEquals(List.of("resolved 1"), s.decode(out.frame(), mapper));
        WireFormatException e = assertThrows(WireFormatException.class, () -> roundTrip(s, new Object()));
        assertTrue(e.getMessage().startsWith("cannot send a java.lang.Object by value"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void mapsThatLookTaggedAreRefused(Serializer s) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> roundTrip(s, Map.of("___type_name___", "x")));
        assertTrue(e.getMessage().contains("reserves it for tagged values"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void aListThatContainsItselfFailsClearly(Serializer s) {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        WireFormatException e = assertThrows(WireFormatException.class, () -> roundTrip(s, loop));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void largeArraysSurviveGrowthOfTheFrame(Serializer s) {
        double[] big = new double[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        assertArrayEquals(big, (double[]) roundTrip(s, Map.of("a", "x", "big", big)
                instanceof Map ? big : null));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) roundTrip(s, Map.of("big", big));
        assertArrayEquals(big, (double[]) m.get("big"));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void decodingReadsFromDirectBuffers(Serializer s) {
        byte[] bytes = s.encodeToBytes(Map.of("a", new int[] {1, 2, 3}), ValueMapper.PLAIN);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) s.decode(direct, ValueMapper.PLAIN);
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) m.get("a"));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void encodingIntoDirectBuffersGivesTheSameBytes(Serializer s) {
        Map<String, Object> value = Map.of("a", new double[5000], "s", "x".repeat(20000), "n", List.of(1, 2));
        FrameBuffer direct = FrameBuffer.using(ByteBuffer::allocateDirect, 16);
        s.encode(value, ValueMapper.PLAIN, direct);
        assertArrayEquals(s.encodeToBytes(value, ValueMapper.PLAIN), direct.toByteArray());
    }
}

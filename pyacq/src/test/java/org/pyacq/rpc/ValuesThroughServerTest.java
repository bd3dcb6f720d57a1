package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ReturnType;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.Serializers;

/** Every value type goes to a server and back unchanged, in both serializers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValuesThroughServerTest {
    private static RpcServer server;

    @BeforeAll
    static void start() {
        server = RpcServer.builder().name("values").build().start();
        server.publish("svc", new TestService("values"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Serializer> serializers() {
        return Stream.of(Serializers.MSGPACK, Serializers.JSON);
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void everyValueTypeComesBackUnchanged(Serializer serializer) {
        try (RpcClient client = RpcClient.open(server.address(), ClientOptions.builder().serializer(serializer).build())) {
            ObjectProxy echo = ((ObjectProxy) client.get("svc")).withReturnType(ReturnType.VALUE).attr("echo");
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("null", null);
            all.put("true", true);
            all.put("int", 42);
            all.put("long", 1L << 50);
            all.put("negative", -5);
            all.put("uint64", new BigInteger("18446744073709551615"));
            all.put("double", 2.5);
            all.put("nan", Double.NaN);
            all.put("text", "héllo");
            all.put("list", List.of(1, "a", List.of(2.5)));
            all.put("map", Map.of("k", List.of()));
            all.put("datetime", LocalDateTime.of(2020, 2, 29, 23, 59, 58, 999999000));
            all.put("date", LocalDate.of(2000, 1, 1));
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) echo.call(all);
            assertEquals(all, back);
            assertArrayEquals(new byte[] {0, -1, 7}, (byte[]) echo.call(new byte[] {0, -1, 7}));
            assertArrayEquals(new double[] {1, 2}, (double[]) echo.call(new double[] {1, 2}));
            assertArrayEquals(new float[] {1, 2}, (float[]) echo.call(new float[] {1, 2}));
            assertArrayEquals(new long[] {1, -2}, (long[]) echo.call(new long[] {1, -2}));
            assertArrayEquals(new int[] {1, -2}, (int[]) echo.call(new int[] {1, -2}));
            assertArrayEquals(new short[] {1, -2}, (short[]) echo.call(new short[] {1, -2}));
            assertArrayEquals(new boolean[] {true, false}, (boolean[]) echo.call(new boolean[] {true, false}));
            for (DType d : DType.values()) {
                Object data = java.lang.reflect.Array.newInstance(d.storage().getComponentType(), 6 * (d.isComplex() ? 2 : 1));
                NdArray twoD = NdArray.wrap(d, data, 2, 3);
                assertEquals(twoD, echo.call(twoD), d.numpyName());
            }
            NdArray unsigned = NdArray.wrap(DType.UINT8, new byte[] {(byte) 255, 0, 1}, 3);
            NdArray back8 = (NdArray) echo.call(unsigned);
            assertEquals(255, back8.getLong(0));
            double[][] matrix = {{1, 2}, {3, 4}};
            NdArray m = (NdArray) echo.call(NdArray.fromNested(matrix));
            assertEquals(Arrays.deepToString(matrix), Arrays.deepToString((double[][]) m.toNested()));
        }
    }
}

package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

class ValueFormatterTest {
    private final ValueFormatter f = ValueFormatter.plain();

    @Test
    void scalars() {
        assertEquals("null", f.format(null));
        assertEquals("5", f.format(5L));
        assertEquals("2.5", f.format(2.5));
        assertEquals("true", f.format(true));
        assertEquals("\"abc\"", f.format("abc"));
        assertEquals("\"a\\\"b\\n\\u0001\"", f.format("a\"b\n\u0001"));
        assertEquals("abc", f.formatUnquoted("abc"));
        assertEquals("[\"abc\"]", f.formatUnquoted(List.of("abc")));
    }

    @Test
    void collectionsAndMapsAreCompactAndTruncated() {
        assertEquals("[1, \"two\", [3]]", f.format(List.of(1, "two", List.of(3))));
        List<Integer> many = IntStream.range(0, 25).boxed().toList();
        assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …(15 more)]", f.format(many));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "w1");
        m.put("pid", null);
        assertEquals("{\"name\": \"w1\", \"pid\": null}", f.format(m));
        Map<Integer, Integer> big = new LinkedHashMap<>();
        IntStream.range(0, 12).forEach(i -> big.put(i, i));
        assertEquals("{0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, …(2 more)}", f.format(big));
        assertEquals("[]", f.format(new ArrayList<>()));
    }

    @Test
    void arraysAndNdArraysAreSummarised() {
        assertEquals("float64[3] [1.0, 2.0, 3.0]", f.format(new double[] {1, 2, 3}));
        assertEquals("int32[10] [0, 1, 2, 3, 4, 5, 6, 7, …]", f.format(IntStream.range(0, 10).toArray()));
        assertEquals("bool[2] [true, false]", f.format(new boolean[] {true, false}));
        assertEquals("uint16[480, 640] [0, 0, 0, 0, 0, 0, 0, 0, …]",
                f.format(NdArray.wrap(DType.UINT16, new short[480 * 640], 480, 640)));
        short[] data = new short[3];
        Arrays.fill(data, (short) -1);
        assertEquals("uint16[3] [65535, 65535, 65535]", f.format(NdArray.wrap(DType.UINT16, data)));
        assertEquals("complex128[1] [(1.0-2.0j)]", f.format(NdArray.wrap(DType.COMPLEX128, new double[] {1, -2})));
        assertEquals("[\"a\", \"b\"]", f.format(new String[] {"a", "b"}));
    }

    @Test
    void futuresShowTheirState() {
        CompletableFuture<Object> pending = new CompletableFuture<>();
        assertEquals("<future pending>", f.format(new FutureValue(pending, "l.size()")));
        assertEquals("<future done: 1>", f.format(new FutureValue(CompletableFuture.completedFuture(1), "x")));
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("boom"));
        assertEquals("<future failed: boom>", f.format(new FutureValue(failed, "x")));
    }
}

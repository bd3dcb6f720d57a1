package org.pyacq.cli.present;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;
import org.pyacq.wire.ProxyRef;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ValuePrinterTest {
    private final ValuePrinter f = ValuePrinter.plain();

    @Test
    void scalarsArePrintedAsTheyAreAndStringsQuoted() {
        assertEquals("null", f.format(null));
        assertEquals("5", f.format(5L));
        assertEquals("2.5", f.format(2.5));
        assertEquals("true", f.format(true));
        assertEquals("\"abc\"", f.format("abc"));
        assertEquals("\"a\\\"b\\n\\u0001\"", f.format("a\"b\n\u0001"));
    }

    @Test
    void unquotedPrintingLeavesOnlyTheTopLevelStringBare() {
        assertEquals("text without quotes", f.formatUnquoted("text without quotes"));
        assertEquals("[\"abc\"]", f.formatUnquoted(List.of("abc")));
        assertEquals("null", f.formatUnquoted(null));
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
        assertEquals("[\"a\", null]", f.format(new Object[] {"a", null}));
    }

    @Test
    void arraysAndNdArraysShowDtypeShapeAndFirstValues() {
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
    void bytesAreShownInHexUpToSixteen() {
        assertEquals("bytes[2] ff 00", f.format(new byte[] {-1, 0}));
        byte[] twenty = new byte[20];
        for (int i = 0; i < twenty.length; i++) {
            twenty[i] = (byte) i;
        }
        assertEquals("bytes[20] 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f …", f.format(twenty));
    }

    @Test
    void proxiesShowTypeIdAndProcessNameWhereKnown() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1, "x"));
        m.put("p", new ProxyRef("tcp://127.0.0.1:5000", 7, 1, "java.util.ArrayList", List.of()));
        assertEquals("{\"a\": [1, \"x\"], \"p\": <java.util.ArrayList #7 at tcp://127.0.0.1:5000>}", f.format(m));
        ValuePrinter named = new ValuePrinter(a -> a.equals("tcp://127.0.0.1:5000") ? "w1" : null, 10, 8,
                ValuePrinter.Extension.NONE);
        assertEquals("<object #3 at w1>", named.format(new ProxyRef("tcp://127.0.0.1:5000", 3, 1, "", List.of())));
    }

    @Test
    void anExtensionPrintsItsOwnValuesAndNestsTheRest() {
        record Box(Object content) {
        }
        ValuePrinter boxes = new ValuePrinter(a -> null, 10, 8,
                (v, nested) -> v instanceof Box b ? "<box " + nested.apply(b.content()) + ">" : null);
        assertEquals("[<box \"x\">, <box [1, 2]>]", boxes.format(List.of(new Box("x"), new Box(List.of(1, 2)))));
    }
}

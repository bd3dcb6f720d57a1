package org.pyacq.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class InspectFormatterTest {
    @Test
    void aReportListsEachSectionOrSaysNone() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("type", "java.util.ArrayList");
        info.put("kind", "instance");
        info.put("fields", List.of());
        info.put("methods", List.of("add(Object) -> boolean", "size() -> int"));
        info.put("specials", List.of("__len__", "__getitem__"));
        assertEquals("java.util.ArrayList (instance)\n"
                + "fields: none\n"
                + "methods:\n"
                + "  add(Object) -> boolean\n"
                + "  size() -> int\n"
                + "specials:\n"
                + "  __len__, __getitem__\n", InspectFormatter.format(info));
    }

    @Test
    void aClassShowsStaticFieldsAndWrapsLongNameLists() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("type", "java.lang.Math");
        info.put("kind", "class");
        info.put("fields", List.of(Map.of("static", true, "type", "double", "name", "PI")));
        info.put("packages", List.of("a".repeat(60), "b".repeat(60)));
        assertEquals("java.lang.Math (class)\n"
                + "static fields:\n"
                + "  static double PI\n"
                + "packages:\n"
                + "  " + "a".repeat(60) + ",\n"
                + "  " + "b".repeat(60) + "\n", InspectFormatter.format(info));
    }
}

package org.pyacq.cli.repl;

import java.util.List;
import java.util.Map;

/**
 * The {@code :inspect} report, from a remote {@code __inspect__} map: type and kind, then
 * constructors, fields, methods (with signatures), nested classes, packages and special names.
 */
final class InspectFormatter {
    private static final int WIDTH = 100;

    private InspectFormatter() {
    }

    static String format(Map<?, ?> info) {
        StringBuilder sb = new StringBuilder();
        Object kind = info.get("kind");
        sb.append(info.get("type")).append(" (").append(kind).append(")\n");
        boolean isClass = "class".equals(kind);
        lines(sb, "constructors", info.get("constructors"));
        fields(sb, isClass ? "static fields" : "fields", info.get("fields"));
        lines(sb, isClass ? "static methods" : "methods", info.get("methods"));
        names(sb, isClass ? "nested classes" : "classes", info.get("classes"));
        names(sb, "packages", info.get("packages"));
        names(sb, "specials", info.get("specials"));
        return sb.toString();
    }

    /**
     * The section's title, and the items it lists: null (nothing more to write) when the
     * description has no such list or the list is empty ({@code title: none}).
     */
    private static List<?> section(StringBuilder sb, String title, Object list) {
        if (!(list instanceof List<?> items)) {
            return null;
        }
        sb.append(title).append(':');
        if (items.isEmpty()) {
            sb.append(" none\n");
            return null;
        }
        sb.append('\n');
        return items;
    }

    private static void lines(StringBuilder sb, String title, Object list) {
        List<?> items = section(sb, title, list);
        if (items == null) {
            return;
        }
        for (Object item : items) {
            sb.append("  ").append(item).append('\n');
        }
    }

    private static void fields(StringBuilder sb, String title, Object list) {
        List<?> items = section(sb, title, list);
        if (items == null) {
            return;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> f) {
                sb.append("  ").append(Boolean.TRUE.equals(f.get("static")) ? "static " : "").append(f.get("type"))
                        .append(' ').append(f.get("name")).append('\n');
            } else {
                sb.append("  ").append(item).append('\n');
            }
        }
    }

    /** A title and names joined by commas, wrapped. */
    private static void names(StringBuilder sb, String title, Object list) {
        List<?> items = section(sb, title, list);
        if (items == null) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String word = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH - 2) {
                sb.append("  ").append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        sb.append("  ").append(line).append('\n');
    }
}

package org.pyacq.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes short UTF-8 strings through a small shared cache, so that the keys and names every
 * message repeats ({@code obj}, {@code args}, {@code rpc_addr}, method names...) are not decoded
 * and allocated again each time. Entries are immutable, so racing threads at worst decode twice.
 */
final class StringCache {
    static final int MAX_LENGTH = 32;
    private static final int SLOTS = 1024;
    private static final Entry[] TABLE = new Entry[SLOTS];

    private record Entry(byte[] bytes, String value) {
    }

    private StringCache() {
    }

    private static boolean same(byte[] cached, byte[] src, int offset, int length) {
        if (cached.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (cached[i] != src[offset + i]) {
                return false;
            }
        }
        return true;
    }

    static String decode(byte[] src, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(src, offset, length, StandardCharsets.UTF_8);
        }
        int h = 0x811c9dc5;
        for (int i = 0; i < length; i++) {
            h = (h ^ src[offset + i]) * 0x01000193;
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = TABLE[slot];
        if (e != null && same(e.bytes, src, offset, length)) {
            return e.value;
        }
        String s = new String(src, offset, length, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(Arrays.copyOfRange(src, offset, offset + length), s);
        return s;
    }
}

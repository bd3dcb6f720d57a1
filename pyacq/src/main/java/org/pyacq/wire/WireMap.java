package org.pyacq.wire;

import java.util.LinkedHashMap;

/**
 * A map that arrived by value from the wire; see {@link WireList}. Keeps the order it came in.
 */
public final class WireMap extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;

    public WireMap(int capacity) {
        super(capacity);
    }
}

package org.pyacq.wire;

import java.util.ArrayList;

/**
 * A list that arrived by value from the wire. It behaves as an {@link ArrayList}; the mark only
 * tells return type {@code auto} to send it back by value too (a Python caller that sends a list
 * and gets it back expects a list, not a proxy), while lists made in the server stay proxies.
 */
public final class WireList extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    public WireList(int capacity) {
        super(capacity);
    }
}

package org.pyacq.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The wire identity of a proxy: which server holds the object ({@code rpcAddr}), which object
 * ({@code objId}), which reference to it ({@code refId}), its type as text, and the attribute
 * names to walk from it. Encoded as the {@code proxy} tag of PROTOCOL.md section 4.
 */
public record ProxyRef(String rpcAddr, long objId, long refId, String typeStr, List<String> attributes) {

    public ProxyRef {
        Objects.requireNonNull(rpcAddr, "rpcAddr");
        typeStr = typeStr == null ? "" : typeStr;
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A reference to the same object with {@code names} appended to the attribute path. */
    public ProxyRef withAttributes(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(attributes.size() + names.size());
        all.addAll(attributes);
        all.addAll(names);
        return new ProxyRef(rpcAddr, objId, refId, typeStr, all);
    }

    /** A reference to the same object without attribute path. */
    public ProxyRef root() {
        return attributes.isEmpty() ? this : new ProxyRef(rpcAddr, objId, refId, typeStr, List.of());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(typeStr).append(" #").append(objId)
                .append(" at ").append(rpcAddr);
        for (String a : attributes) {
            sb.append('.').append(a);
        }
        return sb.append('>').toString();
    }
}

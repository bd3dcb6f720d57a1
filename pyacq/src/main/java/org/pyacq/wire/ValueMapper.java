package org.pyacq.wire;

/**
 * What a serializer does with values the wire cannot carry, and with proxy references it reads.
 * The RPC layer supplies one that turns unknown objects into proxies and references into live
 * proxies or local objects; {@link #PLAIN} refuses the first and keeps the second as they are.
 */
public interface ValueMapper {

    /**
     * Returns a value the wire can carry (usually a {@link ProxyRef}) in place of {@code value},
     * or throws an unchecked exception explaining why it cannot be sent.
     */
    Object replace(Object value);

    /** Returns what the application should see for a proxy reference read from the wire. */
    Object resolve(ProxyRef ref);

    /** Refuses values the wire cannot carry; returns proxy references unchanged. */
    ValueMapper PLAIN = new ValueMapper() {
        @Override
        public Object replace(Object value) {
            throw new WireFormatException("cannot send a " + value.getClass().getName()
                    + " by value; only null, booleans, numbers, strings, bytes, lists, maps, arrays,"
                    + " NdArray, LocalDate(Time) and proxies can be");
        }

        @Override
        public Object resolve(ProxyRef ref) {
            return ref;
        }
    };
}

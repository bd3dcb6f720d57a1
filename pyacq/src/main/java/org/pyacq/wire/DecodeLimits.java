package org.pyacq.wire;

/**
 * Bounds that keep a decoder from recursing off the stack or allocating without bound on hostile
 * input. Element counts and lengths are also checked against the bytes left in the frame before
 * anything is allocated, so memory stays proportional to the frame size (itself bounded by the
 * socket's message limit) and to {@code maxElements}.
 *
 * <p>{@link #DEFAULT} may be changed for a process with the system properties
 * {@value #DEPTH_PROPERTY} and {@value #ELEMENTS_PROPERTY}.
 *
 * @param maxDepth nesting depth of lists and maps
 * @param maxElements total number of values in one frame
 */
public record DecodeLimits(int maxDepth, int maxElements) {
    /** System property overriding {@link #DEFAULT}'s depth. */
    public static final String DEPTH_PROPERTY = "pyacq.decode.maxDepth";
    /** System property overriding {@link #DEFAULT}'s element count. */
    public static final String ELEMENTS_PROPERTY = "pyacq.decode.maxElements";

    /**
     * 128 levels, 4 Mi values (a frame of that many tiny values decodes to at most a few hundred
     * MiB; send big numeric data as arrays, which count as one value), unless overridden by the
     * system properties.
     */
    public static final DecodeLimits DEFAULT = new DecodeLimits(property(DEPTH_PROPERTY, 128),
            property(ELEMENTS_PROPERTY, 4 * 1024 * 1024));

    public DecodeLimits {
        if (maxDepth < 1 || maxElements < 1) {
            throw new IllegalArgumentException("limits must be positive: depth " + maxDepth
                    + ", elements " + maxElements);
        }
        if (maxDepth > 10_000) {
            throw new IllegalArgumentException("a nesting depth of " + maxDepth + " could overflow the decoder's stack;"
                    + " use at most 10000");
        }
    }

    private static int property(String name, int def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be a positive integer, got '" + v + "'");
        }
    }
}

package org.pyacq.wire;

/**
 * Bounds that keep a decoder from recursing off the stack or allocating without bound on hostile
 * input. Element counts and lengths are also checked against the bytes left in the frame before
 * anything is allocated, so memory stays proportional to the frame size.
 *
 * @param maxDepth nesting depth of lists and maps
 * @param maxElements total number of values in one frame
 */
public record DecodeLimits(int maxDepth, int maxElements) {
    /** 128 levels, 16 million values. */
    public static final DecodeLimits DEFAULT = new DecodeLimits(128, 16 * 1024 * 1024);

    public DecodeLimits {
        if (maxDepth < 1 || maxElements < 1) {
            throw new IllegalArgumentException("limits must be positive: depth " + maxDepth
                    + ", elements " + maxElements);
        }
    }
}

package org.pyacq.cli.repl;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ReplSession}.
 *
 * <pre>{@code
 * ReplOptions o = ReplOptions.builder().callTimeout(Duration.ofMinutes(1)).build();
 * }</pre>
 *
 * @param callTimeout how long a remote call may run before it fails (Ctrl-C stops waiting sooner)
 * @param completionTimeout the longest a completion waits for remote names before offering none
 * @param maxItems collection entries printed before {@code …(N more)}
 * @param maxArrayItems array elements printed before {@code …}
 */
public record ReplOptions(Duration callTimeout, Duration completionTimeout, int maxItems, int maxArrayItems) {

    /** Calls may run 10 minutes, completion waits 2 s, 10 items and 8 array elements are printed. */
    public static ReplOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ReplOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private Duration callTimeout = Duration.ofMinutes(10);
        private Duration completionTimeout = Duration.ofSeconds(2);
        private int maxItems = 10;
        private int maxArrayItems = 8;

        public Builder callTimeout(Duration d) {
            this.callTimeout = Objects.requireNonNull(d, "callTimeout");
            return this;
        }

        public Builder completionTimeout(Duration d) {
            this.completionTimeout = Objects.requireNonNull(d, "completionTimeout");
            return this;
        }

        public Builder maxItems(int n) {
            this.maxItems = n;
            return this;
        }

        public Builder maxArrayItems(int n) {
            this.maxArrayItems = n;
            return this;
        }

        public ReplOptions build() {
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
            if (completionTimeout.isNegative() || completionTimeout.isZero()) {
                throw new IllegalArgumentException("completionTimeout must be positive, got " + completionTimeout);
            }
            if (maxItems < 1 || maxArrayItems < 1) {
                throw new IllegalArgumentException("maxItems and maxArrayItems must be at least 1, got " + maxItems
                        + " and " + maxArrayItems);
            }
            return new ReplOptions(callTimeout, completionTimeout, maxItems, maxArrayItems);
        }
    }
}

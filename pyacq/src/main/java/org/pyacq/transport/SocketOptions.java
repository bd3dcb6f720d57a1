package org.pyacq.transport;

/**
 * The limits and permissions a socket is made with, instead of positional (long, int, boolean)
 * arguments. Build with {@link #builder()}; {@code build()} checks the values.
 *
 * <pre>{@code
 * SocketOptions o = SocketOptions.builder().maxMessageBytes(64 << 10).receiveHwm(1000).build();
 * }</pre>
 *
 * @param lingerMillis how long closing waits for queued outgoing messages (0: not at all)
 * @param maxMessageBytes the largest message received; a peer that sends more is disconnected
 * @param receiveHwm messages queued per peer on receipt (0: no limit)
 * @param sendHwm messages queued per peer for sending (0: no limit)
 * @param allowInsecureRemote whether a plain (unauthenticated) socket may bind a non-loopback address
 */
public record SocketOptions(int lingerMillis, long maxMessageBytes, int receiveHwm, int sendHwm,
        boolean allowInsecureRemote) {
    /** Defaults: no linger, {@link Sockets#DEFAULT_MAX_MESSAGE_BYTES}, no queue limits, loopback only when plain. */
    public static final SocketOptions DEFAULTS = builder().build();

    public SocketOptions {
        if (lingerMillis < 0) {
            throw new IllegalArgumentException("lingerMillis must be 0 or more, not " + lingerMillis);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, not " + maxMessageBytes);
        }
        if (receiveHwm < 0 || sendHwm < 0) {
            throw new IllegalArgumentException("queue limits must be 0 (none) or more, not " + receiveHwm + "/" + sendHwm);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().lingerMillis(lingerMillis).maxMessageBytes(maxMessageBytes).receiveHwm(receiveHwm)
                .sendHwm(sendHwm).allowInsecureRemote(allowInsecureRemote);
    }

    /** Builds {@link SocketOptions}; every setter is optional. */
    public static final class Builder {
        private int lingerMillis;
        private long maxMessageBytes = Sockets.DEFAULT_MAX_MESSAGE_BYTES;
        private int receiveHwm;
        private int sendHwm;
        private boolean allowInsecureRemote;

        private Builder() {
        }

        public Builder lingerMillis(int value) {
            this.lingerMillis = value;
            return this;
        }

        public Builder maxMessageBytes(long value) {
            this.maxMessageBytes = value;
            return this;
        }

        public Builder receiveHwm(int value) {
            this.receiveHwm = value;
            return this;
        }

        public Builder sendHwm(int value) {
            this.sendHwm = value;
            return this;
        }

        public Builder allowInsecureRemote(boolean value) {
            this.allowInsecureRemote = value;
            return this;
        }

        /** @throws IllegalArgumentException if a value is out of range */
        public SocketOptions build() {
            return new SocketOptions(lingerMillis, maxMessageBytes, receiveHwm, sendHwm, allowInsecureRemote);
        }
    }
}

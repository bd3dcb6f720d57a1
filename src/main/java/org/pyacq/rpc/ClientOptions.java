package org.pyacq.rpc;

import java.time.Duration;
import java.util.Objects;
import org.pyacq.transport.PathChoice;
import org.pyacq.transport.TransportSecurity;
import org.pyacq.wire.Serializer;
import org.pyacq.wire.Serializers;

/**
 * Settings of an {@link RpcClient}: serializer, default timeout, whether proxies release their
 * remote objects when garbage-collected, and socket security.
 *
 * <pre>{@code
 * ClientOptions json = ClientOptions.builder().serializer(Serializers.JSON).timeout(Duration.ofSeconds(30)).build();
 * }</pre>
 */
public record ClientOptions(Serializer serializer, Duration timeout, boolean autoRelease, TransportSecurity security,
        PathChoice path) {

    /** msgpack, 10 s timeout, automatic release on, the process's {@link DefaultSecurity}. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().serializer(serializer).timeout(timeout).autoRelease(autoRelease).security(security).path(path);
    }

    /** Builds {@link ClientOptions}; {@link #build()} checks the values. */
    public static final class Builder {
        private Serializer serializer = Serializers.MSGPACK;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean autoRelease = true;
        private TransportSecurity security;
        private PathChoice path;

        public Builder serializer(Serializer serializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer");
            return this;
        }

        /** Default time to wait for a reply; per-call and per-proxy timeouts override it. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Whether proxies release their remote object when they become unreachable (default true). */
        public Builder autoRelease(boolean autoRelease) {
            this.autoRelease = autoRelease;
            return this;
        }

        /** How the socket authenticates; default {@link DefaultSecurity#get()} at {@link #build()}. */
        public Builder security(TransportSecurity security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * Which path to take to the server: {@link PathChoice#AUTO} (the default, from the system
         * property {@code pyacq.path}) takes the same-host Unix socket when the server has one;
         * {@link PathChoice#LOCAL} or {@link PathChoice#ZEROMQ} force one, e.g. for diagnosis.
         */
        public Builder path(PathChoice path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public ClientOptions build() {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            return new ClientOptions(serializer, timeout, autoRelease, security != null ? security : DefaultSecurity.get(),
                    path != null ? path : PathChoice.processDefault());
        }
    }
}

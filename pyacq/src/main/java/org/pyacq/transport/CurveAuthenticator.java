package org.pyacq.transport;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZAuth;
import org.zeromq.ZMsg;

/**
 * Decides, for the ZAP handler of the process's context, whether a CURVE client may connect: each
 * {@link CurveSecurity} registers its ZAP domain with the client keys it accepts. Runs on the ZAP
 * handler's thread; refusals are logged at warning level once per peer address and key.
 */
final class CurveAuthenticator implements ZAuth.Auth {
    static final Logger log = LoggerFactory.getLogger(CurveSecurity.class);

    private record Domain(Set<String> allowedKeys, AuthorizedKeys authorized, String origin) {
        boolean accepts(String key) {
            return allowedKeys.contains(key) || (authorized != null && authorized.contains(key));
        }
    }

    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final RateLimitedLog refusals = new RateLimitedLog(log, 256);
    private final AtomicLong refused = new AtomicLong();

    void register(String domain, Set<String> allowedKeys, AuthorizedKeys authorized, String origin) {
        domains.putIfAbsent(domain, new Domain(Set.copyOf(allowedKeys), authorized, origin));
    }

    @Override
    public boolean configure(ZMsg msg, boolean verbose) {
        return true;
    }

    @Override
    public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
        try {
            Domain d = domains.get(request.domain);
            String key = request.clientKey;
            if (d != null && key != null && d.accepts(key)) {
                request.userId = key;
                return true;
            }
            refused.incrementAndGet();
            String fingerprint = key == null ? "none" : KeyPair.fingerprint(key);
            refusals.warn(request.address + "/" + fingerprint, "refused a connection from {}: its key (fingerprint {})"
                    + " is not one this server accepts{}{}; it gets no answer. Clients must use the key file of the"
                    + " user running this server, or have their public key authorized (see docs/SECURITY.md)",
                    request.address, fingerprint,
                    d != null && d.origin() != null ? " (server keys from " + d.origin() + ")" : "",
                    d != null && d.authorized() != null ? " nor one in " + d.authorized().directory() : "");
            return false;
        } catch (RuntimeException e) {
            // an exception here would stop the ZAP handler and with it every secure handshake
            log.error("the authenticator failed on a request from {}; refusing it", request.address, e);
            return false;
        }
    }

    /** Connections refused so far. */
    long refusedCount() {
        return refused.get();
    }
}

package org.pyacq.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the links of one client to one server, on the path its {@link PathChoice} allows: the
 * same-host Unix socket when the server has one in this user's {@link LocalDirectory} (found by
 * its address: no round trip), else ZeroMQ. After the local path failed once in {@code AUTO}, the
 * client's later links go straight to ZeroMQ. Thread-safe.
 */
public final class ClientLinks {
    private static final Logger log = LoggerFactory.getLogger(ClientLinks.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    private final String address;
    private final TransportSecurity security;
    private final PathChoice choice;
    private final LocalDirectory directory;
    private final long maxMessageBytes;
    private volatile boolean localFailed;
    private volatile PathChoice lastPath;

    public ClientLinks(String address, TransportSecurity security, PathChoice choice, LocalDirectory directory,
            long maxMessageBytes) {
        this.address = Objects.requireNonNull(address, "address");
        this.security = Objects.requireNonNull(security, "security");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * A new link for one thread, identified to the server by {@code identity}. {@code listener}
     * hears when an established connection breaks or the server refuses us.
     *
     * @throws LocalPathException if the path is {@link PathChoice#LOCAL} and the local path cannot be used
     */
    public ClientLink open(byte[] identity, ConnectionWatch.Listener listener) {
        if (choice != PathChoice.ZEROMQ && !localFailed) {
            Optional<Path> file = directory.socketFile(address);
            if (file.isPresent() && Files.exists(file.get())) {
                try {
                    ClientLink link = new LocalClientLink(file.get(), identity, address, maxMessageBytes,
                            HANDSHAKE_TIMEOUT, listener);
                    lastPath = PathChoice.LOCAL;
                    return link;
                } catch (LocalPathException e) {
                    if (e.getCause() instanceof java.net.ConnectException) {
                        LocalDirectory.removeIfStale(file.get());
                    }
                    if (choice == PathChoice.LOCAL) {
                        throw e;
                    }
                    localFailed = true;
                    log.debug("{}; using ZeroMQ", e.getMessage());
                }
            } else if (choice == PathChoice.LOCAL) {
                throw new LocalPathException(address, file.orElse(null), file.isEmpty()
                        ? "the address has no local endpoint name" : "no server of this user listens there");
            }
        }
        ClientLink link = new ZmqClientLink(address, identity, security, maxMessageBytes, listener);
        lastPath = PathChoice.ZEROMQ;
        return link;
    }

    /** The path of the most recent link, or empty before the first. */
    public Optional<PathChoice> currentPath() {
        return Optional.ofNullable(lastPath);
    }

    /** What the client was told to do. */
    public PathChoice choice() {
        return choice;
    }
}

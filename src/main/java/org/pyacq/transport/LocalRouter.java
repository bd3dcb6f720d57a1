package org.pyacq.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's same-host endpoint: a Unix domain socket in this user's {@link LocalDirectory},
 * named after the server's ZeroMQ address, that works like the server's ROUTER socket. Every
 * accepted connection is checked by the kernel's peer credentials ({@code SO_PEERCRED}): only
 * this process's own user gets in; anyone else is dropped and logged once. A client then says
 * hello with its identity and the address it wants; messages it sends come out of
 * {@link #receive} with that identity in front, as from a ROUTER, and {@link #sendTo} routes by it.
 *
 * <p>Owned by the server's thread, which waits on a {@link SocketPoller} that watches this endpoint.
 */
public final class LocalRouter implements SocketPoller.Watched, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalRouter.class);
    private static final RateLimitedLog REFUSALS = new RateLimitedLog(log, 64);

    private static final class Peer {
        final LocalConnection connection;
        byte[] identity;
        boolean closeWhenFlushed;

        Peer(LocalConnection connection) {
            this.connection = connection;
        }
    }

    private static final byte[][] NO_FRAMES = new byte[0][];

    private final ServerSocketChannel server;
    private final Path file;
    private final String address;
    private final UserPrincipal owner;
    private final long maxMessageBytes;
    private final List<Peer> peers = new ArrayList<>();
    private final Map<String, Peer> byIdentity = new HashMap<>();
    private SocketPoller poller;
    private boolean acceptable = true;
    private int next;
    private Consumer<byte[]> onDisconnect = id -> { };

    private LocalRouter(ServerSocketChannel server, Path file, String address, UserPrincipal owner, long maxMessageBytes) {
        this.server = server;
        this.file = file;
        this.address = address;
        this.owner = owner;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Listens at the socket file for {@code address} in {@code dir} (replacing a stale one: no
     * other live server can have our address).
     *
     * @throws IOException if the directory or the socket cannot be made
     */
    public static LocalRouter bind(LocalDirectory dir, String address, long maxMessageBytes) throws IOException {
        dir.prepare();
        Path file = dir.socketFile(address).orElseThrow(() -> new IOException("no socket file name fits " + address
                + " under " + dir + " (the kernel allows " + LocalDirectory.MAX_SOCKET_PATH + " bytes)"));
        Files.deleteIfExists(file);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(file));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            ch.configureBlocking(false);
            return new LocalRouter(ch, file, address, Files.getOwner(file), maxMessageBytes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The socket file. */
    public Path file() {
        return file;
    }

    /** Called with a client's identity when its connection ends. */
    public void onDisconnect(Consumer<byte[]> listener) {
        this.onDisconnect = listener;
    }

    /** Lets {@code poller} watch the endpoint and every connection (now and later). Owner thread. */
    public void watchWith(SocketPoller poller) {
        this.poller = poller;
        poller.register(server, SelectionKey.OP_ACCEPT, this);
        for (Peer p : peers) {
            p.connection.watchWith(poller);
        }
    }

    @Override
    public void ready(int readyOps) {
        acceptable = true;
    }

    /** Number of open connections. */
    public int connectionCount() {
        return peers.size();
    }

    /**
     * The next request from any connection, identity frame first (as a ROUTER gives it), or null
     * if none is complete. Keeps at most {@code maxFrames} frames including the identity.
     */
    public Frames.Received receive(int maxFrames) {
        if (acceptable) {
            acceptAll();
        }
        int n = peers.size();
        List<Peer> lost = null;
        Frames.Received result = null;
        for (int i = 0; i < n && result == null; i++) {
            int index = (next + i) % n;
            Peer p = peers.get(index);
            if (p.closeWhenFlushed) {
                p.connection.flushQuietly();
                if (!p.connection.hasPendingOutput() || p.connection.isLost()) {
                    (lost == null ? lost = new ArrayList<>() : lost).add(p);
                }
                continue;
            }
            Frames.Received m;
            try {
                m = p.connection.receive(Math.max(1, maxFrames - 1));
            } catch (IOException | LocalConnection.ProtocolViolation e) {
                REFUSALS.warn(describe(p), "dropped the local connection of {} to {}: {}", describe(p), address,
                        e.getMessage());
                (lost == null ? lost = new ArrayList<>() : lost).add(p);
                continue;
            }
            if (m == null) {
                if (p.connection.isLost()) {
                    (lost == null ? lost = new ArrayList<>() : lost).add(p);
                }
                continue;
            }
            if (p.identity == null) {
                hello(p, m);
                continue;
            }
            next = (index + 1) % n;
            List<ByteBuffer> frames = new ArrayList<>(m.frames().size() + 1);
            frames.add(ByteBuffer.wrap(p.identity));
            frames.addAll(m.frames());
            result = new Frames.Received(frames, m.count() + 1);
        }
        if (lost != null) {
            lost.forEach(this::drop);
        }
        return result;
    }

    /** Writes waiting replies where the peers have made room; true if any output still waits. */
    public boolean flushPending() {
        boolean waiting = false;
        for (Peer p : peers) {
            if (p.connection.hasPendingOutput()) {
                waiting |= !p.connection.flushQuietly();
            }
        }
        return waiting;
    }

    /** Sends {@code body} to the connection of {@code identity}; false if no connection has it. */
    public boolean sendTo(byte[] identity, ByteBuffer body) {
        Peer p = byIdentity.get(key(identity));
        if (p == null) {
            return false;
        }
        // queued only: it goes out when the server next reads (before it waits), so replies to a burst share writes
        p.connection.queue(NO_FRAMES, body);
        return true;
    }

    /** True if {@code identity} is a client connected here. */
    public boolean knows(byte[] identity) {
        return byIdentity.containsKey(key(identity));
    }

    private void acceptAll() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                log.warn("local endpoint {} of {}: accept failed: {}", file, address, e.getMessage());
                acceptable = false;
                return;
            }
            if (ch == null) {
                acceptable = false;
                return;
            }
            try {
                UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!owner.equals(peer.user())) {
                    REFUSALS.warn("user " + peer.user().getName(), "refused a local connection to {} from user {}:"
                            + " only {} may connect (kernel peer credentials)", address, peer.user().getName(),
                            owner.getName());
                    ch.close();
                    continue;
                }
                Peer p = new Peer(new LocalConnection(ch, maxMessageBytes, "a local client of " + address));
                peers.add(p);
                if (poller != null) {
                    p.connection.watchWith(poller);
                }
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("local endpoint {}: could not check a connection's peer: {}", file, e.getMessage());
                closeQuietly(ch);
            }
        }
    }

    private void hello(Peer p, Frames.Received m) {
        List<ByteBuffer> f = m.frames();
        String problem = null;
        if (f.size() < 3 || !ByteBuffer.wrap(LocalConnection.MAGIC).equals(f.get(0))) {
            problem = "the first message is not a pyacq-local hello";
        } else {
            String wanted = LocalConnection.text(f.get(2));
            byte[] identity = bytes(f.get(1));
            if (!wanted.equals(address)) {
                problem = "this endpoint is the server at " + address + ", not " + wanted;
            } else if (identity.length == 0 || identity.length > 255) {
                problem = "the identity must be 1 to 255 bytes, got " + identity.length;
            } else if (byIdentity.containsKey(key(identity))) {
                problem = "identity " + LocalConnection.text(f.get(1)) + " is already connected";
            } else {
                p.identity = identity;
                byIdentity.put(key(identity), p);
            }
        }
        byte[] verdict = (problem == null ? "ok" : "error").getBytes(StandardCharsets.US_ASCII);
        byte[] detail = (problem == null ? address : problem).getBytes(StandardCharsets.UTF_8);
        try {
            p.connection.send(new byte[][] {LocalConnection.MAGIC, verdict}, ByteBuffer.wrap(detail));
        } catch (TransportException e) {
            p.closeWhenFlushed = true;
            return;
        }
        if (problem != null) {
            log.debug("local endpoint {}: refused a hello: {}", file, problem);
            p.closeWhenFlushed = true;
        }
    }

    private void drop(Peer p) {
        if (!peers.remove(p)) {
            return;
        }
        if (poller != null) {
            p.connection.unwatch(poller);
        }
        p.connection.close();
        if (p.identity != null) {
            byIdentity.remove(key(p.identity));
            onDisconnect.accept(p.identity);
        }
    }

    private static String describe(Peer p) {
        return p.identity == null ? "a local client" : new String(p.identity, StandardCharsets.UTF_8);
    }

    private static String key(byte[] identity) {
        return new String(identity, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // refusing it anyway
        }
    }

    /** Closes every connection and the endpoint, and removes the socket file. */
    @Override
    public void close() {
        for (Peer p : new ArrayList<>(peers)) {
            p.connection.flushQuietly();   // disconnect notices and last replies
            p.connection.close();
        }
        peers.clear();
        byIdentity.clear();
        try {
            server.close();
        } catch (IOException e) {
            // removing the file below is what matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "LocalRouter[" + address + " at " + file + ", " + peers.size() + " connections]";
    }
}

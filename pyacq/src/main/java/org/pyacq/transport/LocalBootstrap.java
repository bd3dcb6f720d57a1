package org.pyacq.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same-host bootstrap channel between a spawning Java parent and its Java child, beside the
 * PAIR link of PROTOCOL.md section 7 (which Python children use): the parent listens on a Unix
 * domain socket in this user's {@link LocalDirectory}, the child connects, sends its status (one
 * message, {@link LocalConnection}'s framing) and waits for the parent's answer. The kernel checks
 * both ends: only this user's processes get in (peer credentials), and the file is owner-only in an
 * owner-only directory. Unlike a fresh ZeroMQ connection (JEROMQ-NOTES.md: some stall for the
 * handshake interval), a local connection is made by one system call.
 *
 * <p>The parent's end is read by a thread of its own, which wakes {@code waker} when the status is
 * in; {@link #close()} ends it and removes the file.
 *
 * <pre>{@code
 * try (LocalBootstrap local = LocalBootstrap.listen(LocalDirectory.defaultLocation(), link)) {   // parent
 *     start the child with local.file() ...
 *     byte[] status = local.status();     // null: none yet; link.awaitReadable wakes when it comes
 *     local.answer("OK");
 * }
 * byte[] answer = LocalBootstrap.report(file, status, timeout);                                   // child
 * }</pre>
 */
public final class LocalBootstrap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalBootstrap.class);
    /** How long the parent waits for the status once a child has connected (the spawn's own timeout ends it sooner). */
    private static final Duration READ_LIMIT = Duration.ofMinutes(10);
    private static final long JOIN_MILLIS = 2000;

    private final ServerSocketChannel server;
    private final Path file;
    private final UserPrincipal owner;
    private final Waker waker;
    private final Thread reader;
    private volatile LocalConnection connection;
    private volatile byte[] status;
    private volatile boolean closed;

    private LocalBootstrap(ServerSocketChannel server, Path file, UserPrincipal owner, Waker waker) {
        this.server = server;
        this.file = file;
        this.owner = owner;
        this.waker = waker;
        this.reader = new Thread(this::read, "pyacq-local-bootstrap");
        this.reader.setDaemon(true);
    }

    /**
     * Listens on a new socket file in {@code dir} (prepared owner-only first) and starts reading;
     * {@code waker} is woken once a status is in.
     *
     * @throws IOException if the directory or the socket cannot be made
     */
    public static LocalBootstrap listen(LocalDirectory dir, Waker waker) throws IOException {
        Objects.requireNonNull(waker, "waker");
        dir.prepare();
        for (int attempt = 0; ; attempt++) {
            Path file = dir.path().resolve("b-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                    + ".sock");
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.bind(UnixDomainSocketAddress.of(file));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                LocalBootstrap b = new LocalBootstrap(ch, file, Files.getOwner(file), waker);
                b.reader.start();
                return b;
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (!(e instanceof java.net.BindException || e instanceof FileAlreadyExistsException) || attempt == 3) {
                    Files.deleteIfExists(file);
                    throw e;
                }
            }
        }
    }

    /** The socket file, for the child's configuration. */
    public Path file() {
        return file;
    }

    /** The child's status, or null if none has come (yet). */
    public byte[] status() {
        return status;
    }

    /**
     * Sends {@code text} to the child that sent the status.
     *
     * @throws TransportException if the child's connection is gone
     */
    public void answer(String text) {
        LocalConnection c = connection;
        if (c == null || status == null) {
            throw new IllegalStateException("no status has come over " + file);
        }
        c.send(new byte[0][], ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void read() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;   // closed: the spawn is over
            } catch (IOException e) {
                log.debug("local bootstrap {}: accept failed: {}", file, e.toString());
                return;   // the child falls back to the PAIR link
            }
            try {
                UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!owner.equals(peer.user())) {
                    log.warn("refused a bootstrap connection at {} from user {}: only {} may connect (kernel peer"
                            + " credentials)", file, peer.user().getName(), owner.getName());
                    ch.close();
                    continue;
                }
                LocalConnection c = new LocalConnection(ch, Sockets.CONTROL_MAX_MESSAGE_BYTES, "a child reporting at " + file);
                connection = c;
                Frames.Received m = c.awaitOne(READ_LIMIT, () -> closed);
                List<ByteBuffer> frames = m.frames();
                if (frames.size() != 1) {
                    log.debug("local bootstrap {}: a status of {} frames; waiting for another", file, frames.size());
                    c.close();
                    continue;
                }
                ByteBuffer f = frames.get(0);
                byte[] b = new byte[f.remaining()];
                f.get(b);
                status = b;
                waker.wakeup();
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.debug("local bootstrap {}: a connection failed before its status: {}", file, e.toString());
                }
                closeQuietly(ch);
            }
        }
    }

    /**
     * The child's side: sends {@code status} to the parent listening at {@code file} and waits at most
     * {@code timeout} for its answer.
     *
     * @throws IOException if the parent cannot be reached there, is another user, or did not answer in time
     */
    public static byte[] report(Path file, byte[] status, Duration timeout) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(file));
            UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String me = System.getProperty("user.name");
            if (!peer.user().getName().equals(me)) {
                throw new IOException("the bootstrap socket " + file + " belongs to a process of user "
                        + peer.user().getName() + ", not " + me);
            }
            try (LocalConnection c = new LocalConnection(ch, Sockets.CONTROL_MAX_MESSAGE_BYTES, "the parent at " + file)) {
                c.send(new byte[0][], ByteBuffer.wrap(status));
                List<ByteBuffer> frames = c.awaitOne(timeout, () -> false).frames();
                ByteBuffer f = frames.get(0);
                byte[] answer = new byte[f.remaining()];
                f.get(answer);
                return answer;
            }
        } catch (TransportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Ends the reading thread, closes the sockets and removes the file. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        LocalConnection c = connection;
        if (c != null) {
            c.close();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", file, e.toString());
        }
        if (Thread.currentThread() != reader) {
            try {
                reader.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing to report
        }
    }
}

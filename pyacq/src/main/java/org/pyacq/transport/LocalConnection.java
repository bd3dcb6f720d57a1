package org.pyacq.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One same-host connection: a Unix domain stream socket carrying the same multipart messages as
 * the ZeroMQ path. Framing: a message is a 4-byte big-endian frame count {@code n}, then the
 * {@code n} frame lengths (4 bytes each), then the frames' bytes. Lengths come first so a large
 * frame is read straight into a buffer of its size (a pooled direct one, see
 * {@link ReceiveBuffers}) and written straight from the encoder's direct buffer: no copy in our code
 * on either side, and the kernel's copy is the only other.
 *
 * <p>Non-blocking, and owned by one thread, which reads and writes and waits on a
 * {@link SocketPoller}; a message that cannot be written at once waits in this connection's queue
 * and goes out, whole and in order, as the peer reads. {@link #close()} may come from any thread.
 */
public final class LocalConnection implements SocketPoller.Watched, AutoCloseable {
    /** First frame of the handshake messages. */
    static final byte[] MAGIC = "pyacq-local/1".getBytes(StandardCharsets.US_ASCII);
    /** More frames than this in one message is a protocol error (requests have 5, replies 1). */
    static final int MAX_WIRE_FRAMES = 64;
    private static final int STAGING = 64 * 1024;

    private final SocketChannel channel;
    private final long maxMessageBytes;
    private final String peer;
    private final ArrayDeque<ByteBuffer> outbox = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[32];
    /** Where small frames are gathered for one write (one system call and no JDK temporary buffers). */
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(LargeFrames.THRESHOLD);
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING).flip();
    private final List<SelectionKey> keys = new ArrayList<>(2);
    /**
     * Guards the output queue: the owner thread and, for asynchronous calls, the callers that
     * write their requests themselves ({@link #outputLock()}).
     */
    private final java.util.concurrent.locks.ReentrantLock output = new java.util.concurrent.locks.ReentrantLock();

    // the message being assembled
    private int frameCount = -1;
    private int[] lengths;
    private int lengthsRead;
    private int frameIndex;
    private long messageBytes;
    private List<ByteBuffer> frames;
    private int keep;
    private ByteBuffer current;
    private ByteBuffer currentStorage;
    private long skipping = -1;

    private boolean readable = true;
    /** The last assembly gave a message: more whole ones may wait in the staging buffer. */
    private boolean buffered;
    private boolean writeInterest;
    private volatile boolean closed;
    private boolean eof;
    private boolean writeBroken;

    LocalConnection(SocketChannel channel, long maxMessageBytes, String peer) throws IOException {
        this.channel = channel;
        this.maxMessageBytes = maxMessageBytes;
        this.peer = peer;
        channel.configureBlocking(false);
        try {
            // a large frame crosses in as few wake-ups as the kernel allows (capped by net.core.wmem_max)
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        } catch (IOException | UnsupportedOperationException e) {
            // the defaults work, only with more wake-ups
        }
    }

    private static final int SOCKET_BUFFER = 4 << 20;
    private static final long STOP_CHECK_MILLIS = 200;

    /**
     * Connects to the endpoint at {@code file} and says hello: who we are ({@code identity}, as a
     * ZeroMQ DEALER would) and which server we want ({@code serverAddress}, its ZeroMQ address).
     * One round trip per connection.
     *
     * @throws LocalPathException if nothing listens there, the server is another one, or it refused
     */
    public static LocalConnection connect(Path file, byte[] identity, String serverAddress, long maxMessageBytes,
            Duration timeout) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(file));
            LocalConnection c = new LocalConnection(ch, maxMessageBytes, "server " + serverAddress + " (" + file + ")");
            c.send(new byte[][] {MAGIC, identity, serverAddress.getBytes(StandardCharsets.UTF_8)}, ByteBuffer.allocate(0));
            Frames.Received answer = c.awaitOne(timeout);
            List<ByteBuffer> f = answer.frames();
            String verdict = f.size() >= 2 ? text(f.get(1)) : "";
            if (f.size() < 3 || !ByteBuffer.wrap(MAGIC).equals(f.get(0))) {
                throw new LocalPathException(serverAddress, file, "it does not speak the local protocol");
            }
            if (!verdict.equals("ok")) {
                throw new LocalPathException(serverAddress, file, "it refused: " + text(f.get(2)));
            }
            ch = null;
            return c;
        } catch (IOException e) {
            throw new LocalPathException(serverAddress, file, e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // nothing was sent over it that matters
                }
            }
        }
    }

    /** Waits (blocking the calling thread, at most {@code timeout}) for one whole message. */
    private Frames.Received awaitOne(Duration timeout) throws IOException {
        return awaitOne(timeout, () -> false);
    }

    /**
     * Waits (blocking the calling thread, at most {@code timeout}) for one whole message, giving up
     * within {@value #STOP_CHECK_MILLIS} ms once {@code stop} says so.
     */
    Frames.Received awaitOne(Duration timeout, java.util.function.BooleanSupplier stop) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                flush();
                Frames.Received m = receive(8);
                if (m != null) {
                    return m;
                }
                if (eof) {
                    throw new IOException("the other end closed the connection before it answered");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no answer within " + timeout.toMillis() + " ms");
                }
                if (stop.getAsBoolean()) {
                    throw new IOException("stopped waiting");
                }
                selector.select(Math.max(1, Math.min(STOP_CHECK_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
                selector.selectedKeys().clear();
                readable = true;
            }
        }
    }

    static String text(ByteBuffer b) {
        return StandardCharsets.UTF_8.decode(b.duplicate()).toString();
    }

    /** Who is on the other side, for messages. */
    public String peer() {
        return peer;
    }

    /** Watches this connection for input (and for room to write, while output waits) with {@code poller}. */
    public void watchWith(SocketPoller poller) {
        SelectionKey key = poller.register(channel, SelectionKey.OP_READ | (writeInterest ? SelectionKey.OP_WRITE : 0),
                this);
        keys.add(key);
    }

    /** Stops being watched by {@code poller}'s selector (before the poller or this connection goes away). */
    public void unwatch(SocketPoller poller) {
        keys.removeIf(k -> {
            if (poller.owns(k)) {
                k.cancel();
                return true;
            }
            return false;
        });
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_READ) != 0) {
            readable = true;
        }
    }

    /** True if a read may find something (the last one did not come up empty, or a wait said so). */
    public boolean mayRead() {
        return readable || buffered;
    }

    /** True once everything the peer sent has been read up to its end (or this side closed). */
    public boolean endReached() {
        return eof || closed;
    }

    /** True once the peer closed the connection (or it broke). */
    public boolean isLost() {
        return eof || closed || writeBroken;
    }

    /**
     * Queues {@code head} then {@code body} as one message and writes what the socket takes now.
     * Do not reuse the arrays or buffers; a direct {@code body} from {@link LargeFrames#allocate}
     * goes back to its pool once written.
     *
     * @throws TransportException if the connection is lost
     */
    public void send(byte[][] head, ByteBuffer body) {
        queue(head, body);
        flushOrFail();
    }

    /**
     * Says that nothing is worth reading until the next wait reports input (a request just went
     * out, so its reply cannot be here yet): saves a read that would come back empty.
     */
    public void awaitInput() {
        if (!buffered) {
            readable = false;
        }
    }

    /** Like {@link #send} but only queues: the message goes out with the next {@link #flush()} or read. */
    public void queue(byte[][] head, ByteBuffer body) {
        output.lock();
        try {
            enqueue(head, body);
        } finally {
            output.unlock();
        }
    }

    /**
     * The lock of the output queue: a thread other than the owner may queue and flush while it
     * holds it (the owner takes it too).
     */
    public java.util.concurrent.locks.Lock outputLock() {
        return output;
    }

    private void enqueue(byte[][] head, ByteBuffer body) {
        int n = head.length + 1;
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * n);
        header.putInt(n);
        for (byte[] f : head) {
            header.putInt(f.length);
        }
        header.putInt(body.remaining());
        outbox.add(header.flip());
        for (byte[] f : head) {
            outbox.add(ByteBuffer.wrap(f));
        }
        outbox.add(body);
    }

    /** Sends {@code identity} and {@code body} as a ROUTER would: here the identity names the connection, so only the body goes. */
    void sendBody(ByteBuffer body) {
        send(new byte[0][], body);
    }

    /**
     * Writes what is queued, throwing if the connection broke.
     *
     * @throws TransportException if the connection is lost
     */
    public void flushOrFail() {
        try {
            flush();
        } catch (IOException e) {
            writeBroken = true;
            readable = true;   // what the peer sent before it went may say why
            throw new TransportException("lost the local connection to " + peer + ": " + e.getMessage(), e);
        }
    }

    /** True if output is waiting for the peer to read. */
    public boolean hasPendingOutput() {
        output.lock();
        try {
            return !outbox.isEmpty();
        } finally {
            output.unlock();
        }
    }

    /**
     * Writes queued output as far as the socket takes it; true when all is written.
     *
     * @throws IOException if the connection broke
     */
    public boolean flush() throws IOException {
        output.lock();
        try {
            return flushLocked();
        } finally {
            output.unlock();
        }
    }

    private boolean flushLocked() throws IOException {
        while (!outbox.isEmpty()) {
            int n = gatherQueued();
            long written = channel.write(gather, 0, n);
            java.util.Arrays.fill(gather, 0, n, null);
            consume(written);
            if (written == 0) {
                setWriteInterest(true);
                return false;
            }
        }
        setWriteInterest(false);
        return true;
    }

    /** Fills {@link #gather} from the queue: small buffers copied together into the scratch buffer, large ones as they are. */
    private int gatherQueued() {
        scratch.clear();
        int n = 0;
        int runStart = -1;
        for (ByteBuffer b : outbox) {
            if (n >= gather.length - 1) {
                break;
            }
            int size = b.remaining();
            if (size <= scratch.remaining() && !(b.isDirect() && size >= 16 * 1024)) {
                if (runStart < 0) {
                    runStart = scratch.position();
                }
                scratch.put(b.duplicate());
            } else {
                if (runStart >= 0) {
                    gather[n++] = scratch.slice(runStart, scratch.position() - runStart);
                    runStart = -1;
                }
                gather[n++] = b.duplicate();   // the write moves the copy; consume() moves the original
                if (!b.isDirect()) {
                    break;   // a large heap buffer: the JDK copies it into a temporary buffer; let it go alone
                }
            }
        }
        if (runStart >= 0) {
            gather[n++] = scratch.slice(runStart, scratch.position() - runStart);
        }
        return n;
    }

    /** Advances the queued buffers past {@code written} bytes, releasing those done. */
    private void consume(long written) {
        long left = written;
        while (left > 0 && !outbox.isEmpty()) {
            ByteBuffer b = outbox.peekFirst();
            int k = (int) Math.min(b.remaining(), left);
            b.position(b.position() + k);
            left -= k;
            if (!b.hasRemaining()) {
                outbox.pollFirst();
                if (b.isDirect()) {
                    LargeFrames.release(b);
                }
            }
        }
        while (!outbox.isEmpty() && !outbox.peekFirst().hasRemaining()) {
            ByteBuffer done = outbox.pollFirst();
            if (done.isDirect()) {
                LargeFrames.release(done);
            }
        }
    }

    /** Like {@link #flush()}, but a broken connection only marks it lost. */
    public boolean flushQuietly() {
        try {
            return flush();
        } catch (IOException e) {
            writeBroken = true;
            readable = true;
            return false;
        }
    }

    private void setWriteInterest(boolean on) {
        if (on == writeInterest) {
            return;
        }
        writeInterest = on;
        for (SelectionKey k : keys) {
            if (k.isValid()) {
                k.interestOps(SelectionKey.OP_READ | (on ? SelectionKey.OP_WRITE : 0));
            }
        }
    }

    /**
     * Reads what the socket has and returns the next whole message, or null if none is complete
     * yet. Keeps at most {@code maxFrames} frames (the rest are read and dropped);
     * {@link Frames.Received#count()} says how many there were. After the peer closed, returns
     * null and {@link #isLost()} is true.
     *
     * @throws ProtocolViolation if the peer breaks the framing or the size limit (close the connection)
     */
    public Frames.Received receive(int maxFrames) throws IOException {
        if (eof || closed) {
            return null;
        }
        while (true) {
            Frames.Received m = assemble(maxFrames);
            buffered = m != null;
            if (m != null) {
                return m;
            }
            if (!outbox.isEmpty() && !writeBroken) {
                flushQuietly();   // before waiting for more input, let out what was queued
            }
            if (!readable) {
                return null;
            }
            int n;
            if (current != null && !staging.hasRemaining() && current.remaining() >= STAGING) {
                n = channel.read(current);   // a large frame: straight into its buffer
            } else if (skipping > 0 && !staging.hasRemaining() && skipping >= STAGING) {
                staging.clear();
                staging.limit((int) Math.min(STAGING, skipping));
                n = channel.read(staging);
                staging.flip();
            } else {
                staging.compact();
                try {
                    n = channel.read(staging);
                } finally {
                    staging.flip();
                }
            }
            if (n < 0) {
                eof = true;
                return null;
            }
            if (n == 0) {
                readable = false;
                return null;
            }
        }
    }

    private Frames.Received assemble(int maxFrames) {
        if (frameCount < 0) {
            if (staging.remaining() < 4) {
                return null;
            }
            int count = staging.getInt();
            if (count < 1 || count > MAX_WIRE_FRAMES) {
                throw new ProtocolViolation(peer + " sent a message of " + count + " frames; at most "
                        + MAX_WIRE_FRAMES + " are allowed");
            }
            frameCount = count;
            lengths = new int[count];
            lengthsRead = 0;
            frameIndex = 0;
            messageBytes = 0;
            keep = Math.min(count, maxFrames);
            frames = new ArrayList<>(keep);
        }
        while (lengthsRead < frameCount) {
            if (staging.remaining() < 4) {
                return null;
            }
            int len = staging.getInt();
            messageBytes += len;
            if (len < 0 || messageBytes > maxMessageBytes) {
                throw new ProtocolViolation(peer + " sent a message larger than the limit of " + maxMessageBytes
                        + " bytes");
            }
            lengths[lengthsRead++] = len;
        }
        while (frameIndex < frameCount) {
            if (frameIndex >= keep) {
                if (skipping < 0) {
                    skipping = lengths[frameIndex];
                }
                int take = (int) Math.min(staging.remaining(), skipping);
                staging.position(staging.position() + take);
                skipping -= take;
                if (skipping > 0) {
                    return null;
                }
                skipping = -1;
                frameIndex++;
                continue;
            }
            if (current == null) {
                startFrame(lengths[frameIndex]);
            }
            if (staging.hasRemaining() && current.hasRemaining()) {
                int take = Math.min(staging.remaining(), current.remaining());
                ByteBuffer part = staging.slice(staging.position(), take);
                current.put(part);
                staging.position(staging.position() + take);
            }
            if (current.hasRemaining()) {
                return null;
            }
            current.flip();
            if (currentStorage != null) {
                ReceiveBuffers.INSTANCE.lease(current, currentStorage);
            }
            frames.add(current);
            current = null;
            currentStorage = null;
            frameIndex++;
        }
        Frames.Received done = new Frames.Received(frames, frameCount);
        frameCount = -1;
        frames = null;
        lengths = null;
        return done;
    }

    private void startFrame(int len) {
        if (len >= LargeFrames.THRESHOLD) {
            currentStorage = ReceiveBuffers.INSTANCE.take(len);
            current = currentStorage.clear().slice(0, len);
        } else {
            currentStorage = null;
            current = ByteBuffer.allocate(len);
        }
    }

    /** Closes the socket. Any thread. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    boolean isClosed() {
        return closed;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The peer broke the framing or a limit; the connection must be closed. */
    public static final class ProtocolViolation extends TransportException {
        private static final long serialVersionUID = 1L;

        ProtocolViolation(String message) {
            super(message);
        }
    }
}

package org.pyacq.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.SocketBase;

/**
 * The raw JeroMQ baseline: a DEALER, owned by the thread that opened this client, against the
 * {@link RawEchoServer}. Nothing is encoded: a ping is 4 bytes, an add is its two ints (8 bytes),
 * the echo payload is the {@code double[]}'s bytes in a direct buffer that is filled once and
 * sent with {@code sendByteBuffer} every time. One request frame, one reply frame, like a
 * minimal RPC with no protocol at all: the best the transport can do.
 */
final class RawClient implements TransportClient {
    private final ZContext context = new ZContext(1);
    private final ZMQ.Socket dealer;
    private final SocketBase base;
    private final String address;
    private final byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
    private final byte[] add = new byte[8];
    private final byte[] pipelined = new byte[8];
    private final int window;
    private final int echoBytes;
    private final long timeoutMillis;
    private ByteBuffer payload;

    RawClient(String address, BenchOptions options) {
        this.address = address;
        this.window = options.pipelineWindow();
        this.echoBytes = options.echoBytes();
        this.timeoutMillis = options.callTimeout().toMillis();
        this.dealer = context.createSocket(SocketType.DEALER);
        try {
            dealer.setLinger(0);
            dealer.setSndHWM(0);
            dealer.setRcvHWM(0);
            // as our RPC's sockets do: a fresh connection that stalls (JeroMQ #912) is redialled quickly
            dealer.setHandshakeIvl(2000);
            dealer.setReceiveTimeOut((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            dealer.setMsgAllocator(new ReusedBufferAllocator());
            dealer.connect(address);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.base = dealer.base();
        ByteBuffer.wrap(pipelined).putInt(1).putInt(1);
    }

    @Override
    public Transport transport() {
        return Transport.RAW;
    }

    @Override
    public void ping() {
        dealer.send(ping, 0);
        expectSize(receive(), ping.length, "ping");
    }

    @Override
    public void add(int a, int b) {
        // rewriting the array is safe: the previous reply proves JeroMQ has finished sending it
        ByteBuffer.wrap(add).putInt(a).putInt(b);
        dealer.send(add, 0);
        Msg reply = receive();
        expectSize(reply, add.length, "add");
        ByteBuffer r = reply.buf();
        if (r.getInt(0) != a || r.getInt(4) != b) {
            throw new BenchException("the raw echo of add(" + a + ", " + b + ") came back altered");
        }
    }

    @Override
    public long pipeline(long nanos) {
        long stopIssuing = System.nanoTime() + nanos;
        long sent = 0;
        long received = 0;
        boolean issuing = true;
        while (true) {
            if (issuing) {
                // one array for all: it is never modified, and sending does not copy it
                for (long room = window - (sent - received); room > 0; room--) {
                    dealer.send(pipelined, 0);
                    sent++;
                }
                issuing = System.nanoTime() < stopIssuing;
            }
            if (received == sent) {
                return sent;
            }
            receive();
            received++;
            while (received < sent && base.recv(ZMQ.DONTWAIT) != null) {
                received++;
            }
        }
    }

    @Override
    public void echoImage() {
        if (image == null) {
            image = ByteBuffer.allocateDirect(Payloads.IMAGE_PIXELS * 2);
        }
        dealer.sendByteBuffer(image.slice(), 0);
        expectSize(receive(), Payloads.IMAGE_PIXELS * 2, "image");
    }

    private ByteBuffer image;

    @Override
    public void echo() {
        if (payload == null) {
            payload = Payloads.directDoubles(echoBytes / Double.BYTES);
        }
        // slice(): sendByteBuffer in JeroMQ 0.6.0 sends from index 0 whatever the position
        dealer.sendByteBuffer(payload.slice(), 0);
        Msg reply = receive();
        expectSize(reply, echoBytes, "echo");
        ByteBuffer r = reply.buf().order(payload.order());
        for (int i : new int[] {0, echoBytes / 2, echoBytes - 8}) {
            if (r.getLong(i) != payload.getLong(i)) {
                throw new BenchException("the raw echo payload came back altered at byte " + i);
            }
        }
    }

    private Msg receive() {
        Msg m = base.recv(0);
        if (m == null) {
            throw new BenchException("no reply from the raw echo server at " + address + " within "
                    + timeoutMillis + " ms (errno " + base.errno() + ")");
        }
        return m;
    }

    private static void expectSize(Msg reply, int size, String what) {
        if (reply.size() != size || reply.hasMore()) {
            throw new BenchException("the raw echo of " + what + " has " + reply.size() + " bytes"
                    + (reply.hasMore() ? " and more frames" : "") + ", expected one frame of " + size);
        }
    }

    @Override
    public String pipelineNote() {
        return "one thread sends until " + window + " are in flight, then drains the replies that are there";
    }

    /** Closes the socket, then the context (same thread that opened it). */
    @Override
    public void close() {
        dealer.close();
        context.close();
    }
}

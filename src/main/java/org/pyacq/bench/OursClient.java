package org.pyacq.bench;

import org.pyacq.transport.PathChoice;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;

/**
 * Our RPC, used as an application would: a client of its own, a proxy to the published target,
 * {@code call} for synchronous calls and {@code callAsync} for pipelining. The proxies to the
 * methods ({@code target.attr("add")}) are made once; each call then sends exactly one
 * {@code call_obj} request.
 */
final class OursClient implements TransportClient {
    private final Transport transport;
    private final RpcClient client;
    private final ObjectProxy add;
    private final ObjectProxy echo;
    private final ObjectProxy echoImage;
    private NdArray image;
    private final int window;
    private final int echoLength;
    private final long timeoutNanos;
    private double[] payload;

    /** {@code transport} is one of {@link Transport#isOurs() ours}: which server and path to use. */
    OursClient(Transport transport, ServerAddresses addresses, BenchOptions options) {
        this.transport = transport;
        ClientOptions.Builder b = ClientOptions.builder().timeout(options.callTimeout());
        String address = addresses.rpc();
        switch (transport) {
            case OURS_ZMQ:
                address = addresses.rpcPlain();
                b.security(org.pyacq.transport.TransportSecurity.plain(false)).path(PathChoice.ZEROMQ);
                break;
            case OURS_CURVE:
                b.path(PathChoice.ZEROMQ);
                break;
            default:
                break;
        }
        this.client = RpcClient.open(address, b.build());
        try {
            Object target = client.get(BenchServer.TARGET);
            if (!(target instanceof ObjectProxy proxy)) {
                throw new BenchException("the server at " + address + " published " + target + " as '"
                        + BenchServer.TARGET + "', not an object");
            }
            this.add = proxy.attr("add");
            this.echo = proxy.attr("echo");
            this.echoImage = proxy.attr("echoFrame");
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        this.window = options.pipelineWindow();
        this.echoLength = options.echoBytes() / Double.BYTES;
        this.timeoutNanos = options.callTimeout().toNanos();
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void ping() {
        client.ping();
    }

    @Override
    public void add(int a, int b) {
        Object r = add.call(a, b);
        if (!(r instanceof Integer sum) || sum != a + b) {
            throw new BenchException("add(" + a + ", " + b + ") over our RPC returned " + r);
        }
    }

    @Override
    public long pipeline(long nanos) {
        AsyncWindow calls = new AsyncWindow(window);
        long start = System.nanoTime();
        long stopIssuing = start + nanos;
        long deadline = start + nanos + timeoutNanos;
        long n = 0;
        long expected = 0;
        do {
            calls.acquire(deadline);
            int a = (int) (n & 0xFFFF);
            calls.track(add.callAsync(a, 1));
            expected += a + 1;
            n++;
        } while (System.nanoTime() < stopIssuing);
        calls.drain(deadline);
        if (calls.resultSum() != expected) {
            throw new BenchException("pipelined add over our RPC: the results sum to " + calls.resultSum()
                    + ", expected " + expected);
        }
        return n;
    }

    @Override
    public void echo() {
        if (payload == null) {
            payload = Payloads.doubles(echoLength);
        }
        Payloads.checkEcho(payload, echo.call((Object) payload), transport());
    }

    @Override
    public void echoImage() {
        if (image == null) {
            image = NdArray.wrap(DType.UINT16, Payloads.image(), 480, 640);
        }
        Object r = echoImage.call(image);
        if (!(r instanceof NdArray back) || back.dtype() != DType.UINT16) {
            throw new BenchException("image echo over " + transport.key() + " returned " + r);
        }
        Payloads.checkImage((short[]) image.data(), (short[]) back.data(), transport);
    }

    @Override
    public String pipelineNote() {
        return "path " + client.currentPath().map(PathChoice::wireName).orElse("?") + ", callAsync from one thread, " + window + " in flight (refilled when down to "
                + (window - Math.max(1, window / 10)) + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}

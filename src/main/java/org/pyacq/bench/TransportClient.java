package org.pyacq.bench;

/**
 * The client side of one transport: the call shapes of the benchmark lines. Every method checks
 * the reply and throws {@link BenchException} if it is wrong. Used from one thread, the one that
 * opened it (it may own sockets).
 */
interface TransportClient extends AutoCloseable {
    Transport transport();

    /** One synchronous ping round trip. */
    void ping();

    /** One synchronous {@code add(a, b)} round trip. */
    void add(int a, int b);

    /**
     * Keeps issuing {@code add} calls with the configured number in flight until {@code nanos}
     * have passed, then waits for the outstanding replies; returns how many calls completed.
     */
    long pipeline(long nanos);

    /** One round trip of the echo payload (allocated once, on first use). */
    void echo();

    /** One round trip of a 640x480 uint16 image (600 KiB each way). */
    void echoImage();

    /** What the pipelined line does on this transport, for the report. */
    String pipelineNote();

    @Override
    void close();
}

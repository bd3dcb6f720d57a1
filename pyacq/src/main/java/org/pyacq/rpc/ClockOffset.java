package org.pyacq.rpc;

import java.time.Instant;

/**
 * How far a server's wall clock is from this process's: {@code offsetSeconds} is remote minus
 * local, measured on the round trip with the smallest delay ({@code roundTripSeconds}), whose
 * half bounds the error.
 */
public record ClockOffset(double offsetSeconds, double roundTripSeconds) {

    static ClockOffset measure(RpcClient client, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least one sample, got " + samples);
        }
        ObjectProxy clock = remoteClock(client);
        double bestOffset = 0;
        double bestTrip = Double.MAX_VALUE;
        for (int i = 0; i < samples; i++) {
            double before = now();
            double remote = ((Number) clock.call()).doubleValue();
            double after = now();
            double trip = after - before;
            if (trip < bestTrip) {
                bestTrip = trip;
                bestOffset = remote - (before + after) / 2;
            }
        }
        return new ClockOffset(bestOffset, bestTrip);
    }

    /** Java servers publish {@code self.clock()}; Python pyacq servers have {@code time.time}. */
    private static ObjectProxy remoteClock(RpcClient client) {
        Object self = client.get("self");
        if (self instanceof ObjectProxy p && p.typeName().startsWith("org.pyacq.")) {
            return p.attr("clock");
        }
        return client.importModule("time").attr("time");
    }

    private static double now() {
        Instant t = Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}

package org.pyacq.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a server's reference table (docs/LIFETIME.md): what {@code pyacq ps} shows per
 * process.
 *
 * @param liveObjects objects kept alive for remote proxies (published objects not counted)
 * @param references outstanding proxy references over all objects
 * @param leasedReferences references that belong to some lease (the others live until deleted)
 * @param leases live client leases (one per client process of ours that holds references here)
 * @param expiredReferences references dropped by expired leases since the server started
 * @param rejectedReleases deletes naming a reference the server does not hold (double or stale releases)
 * @param leaseMillis the server's lease time
 * @param idleExpiryMillis idle time after which a stock pyacq client's references are dropped (0: never)
 * @param leaseDetails per lease: client token, references, milliseconds until it expires
 */
public record ServerStatistics(int liveObjects, int references, int leasedReferences, int leases,
        long expiredReferences, long rejectedReleases, long leaseMillis, long idleExpiryMillis, List<Map<String, Object>> leaseDetails) {

    static ServerStatistics of(RpcServer server, ReferenceTable table, ServerLeases leases) {
        synchronized (table) {
            return new ServerStatistics(table.objectCount(), table.referenceCount(), table.leasedReferenceCount(),
                    table.leaseCount(), table.expiredReferenceCount(), table.rejectedReleaseCount(), leases.leaseMillis(), leases.idleMillis(),
                    List.copyOf(table.leaseSummaries(LeaseTable.clockMillis())));
        }
    }

    /** As a map of plain values, with snake_case keys (for {@code ps --json} and remote callers). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live_objects", liveObjects);
        m.put("references", references);
        m.put("leased_references", leasedReferences);
        m.put("leases", leases);
        m.put("expired_references", expiredReferences);
        m.put("rejected_releases", rejectedReleases);
        m.put("lease_ms", leaseMillis);
        m.put("idle_expiry_ms", idleExpiryMillis);
        return m;
    }
}

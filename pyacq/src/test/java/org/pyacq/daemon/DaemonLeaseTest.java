package org.pyacq.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RpcClient;

/** lease_seconds and idle_expiry_seconds of pyacqd.conf reach the daemon's server and its children (docs/LIFETIME.md). */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DaemonLeaseTest {
    @TempDir
    Path runtimeDir;

    @Test
    void leaseSettingsAreReadAndPassedToChildrenAsJvmOptions() {
        DaemonConfig defaults = DaemonConfig.defaults();
        assertEquals(Duration.ofMinutes(5), defaults.leaseTime());
        assertNull(defaults.idleExpiry());
        DaemonConfig c = DaemonConfig.load(null, Map.of("lease_seconds", "7.5", "idle_expiry_seconds", "600"));
        assertEquals(Duration.ofMillis(7500), c.leaseTime());
        assertEquals(Duration.ofMinutes(10), c.idleExpiry());
        assertEquals(List.of("-Dpyacq.lease.seconds=7.500", "-Dpyacq.idleExpiry.seconds=600.000"), c.leaseJvmOptions());
        assertNull(DaemonConfig.load(null, Map.of("idle_expiry_seconds", "0")).idleExpiry());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaemonConfig.load(null, Map.of("lease_seconds", "-1")));
        assertTrue(e.getMessage().contains("lease_seconds"), e.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDaemonAndItsChildrenUseTheConfiguredLease() {
        try (Daemon daemon = Daemon.start(DaemonConfig.load(null, Map.of("runtime_dir", runtimeDir.toString(),
                "lease_seconds", "42")))) {
            RpcClient client = RpcClient.open(daemon.address(), ClientOptions.builder().timeout(Duration.ofSeconds(90)).build());
            try {
                ObjectProxy control = (ObjectProxy) client.get("daemon");
                Map<String, Object> own = (Map<String, Object>) control.invoke("statistics");
                assertEquals(42_000L, ((Number) own.get("lease_ms")).longValue(), own.toString());
                Map<String, Object> child = (Map<String, Object>) control.invoke("spawn", Map.of("name", "leased"));
                ObjectProxy self = RpcClient.connect((String) child.get("address")).self();
                Map<String, Object> stats = (Map<String, Object>) self.invoke("statisticsMap");
                assertEquals(42_000L, ((Number) stats.get("lease_ms")).longValue(), stats.toString());
                assertEquals(0L, ((Number) stats.get("idle_expiry_ms")).longValue(), stats.toString());
            } finally {
                client.close();
            }
        }
    }
}

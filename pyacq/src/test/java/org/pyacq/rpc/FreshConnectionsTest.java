package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JeroMQ sometimes leaves a fresh connection silent until its handshake interval runs out
 * (JEROMQ-NOTES.md). Our clients use a short interval and redial: with many fresh connections,
 * every first call must succeed well within a timeout that a 30 s stall would blow.
 */
class FreshConnectionsTest {
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void manyFreshClientsAllGetTheirFirstReplyPromptly() {
        try (RpcServer server = RpcServer.builder().name("fresh").build().start()) {
            ClientOptions options = ClientOptions.builder().timeout(Duration.ofSeconds(8)).build();
            int ok = 0;
            for (int i = 0; i < 200; i++) {
                try (RpcClient c = RpcClient.open(server.address(), options)) {
                    c.ping();
                    ok++;
                }
            }
            assertEquals(200, ok);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void burstsOfFreshConnectionsFromManyThreadsAllSucceed() throws Exception {
        try (RpcServer server = RpcServer.builder().name("burst").build().start()) {
            ClientOptions options = ClientOptions.builder().timeout(Duration.ofSeconds(8)).build();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(pool.submit(() -> {
                        int n = 0;
                        for (int i = 0; i < 25; i++) {
                            try (RpcClient c = RpcClient.open(server.address(), options)) {
                                c.ping();
                                n++;
                            }
                        }
                        return n;
                    }));
                }
                int total = 0;
                for (java.util.concurrent.Future<Integer> f : done) {
                    total += f.get(200, TimeUnit.SECONDS);
                }
                assertEquals(200, total);
            } finally {
                pool.shutdown();
            }
        }
    }
}

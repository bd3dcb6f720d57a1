package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SmokeTest {
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aClientCallsAServer() {
        try (RpcServer server = RpcServer.builder().build().start();
             RpcClient client = RpcClient.open(server.address(), ClientOptions.defaults())) {
            client.ping();
            ObjectProxy list = (ObjectProxy) client.importModule("java.util.ArrayList").call();
            list.invoke("add", 5);
            assertEquals(1, list.invoke("size"));
            assertEquals(5, list.invokeAsync("get", 0).result());
        }
    }
}

package org.pyacq.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A timeout's message names the address, the request, the time waited and the calls pending, the same in every locale. */
class RpcTimeoutMessageTest {
    @Test
    void theMessageSaysWhatTimedOutWithADecimalPointUnderAGermanLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            RpcTimeoutException e = new RpcTimeoutException("tcp://127.0.0.1:5000", "call_obj", 12,
                    Duration.ofMillis(2500), 3);
            assertEquals("no reply from tcp://127.0.0.1:5000 to call_obj [12] within 2.500 s (3 calls pending on this"
                    + " connection); the server may be busy or stuck: raise the timeout or check the server's log",
                    e.getMessage());
            assertEquals(Duration.ofMillis(2500), e.timeout());
        } finally {
            Locale.setDefault(saved);
        }
    }
}

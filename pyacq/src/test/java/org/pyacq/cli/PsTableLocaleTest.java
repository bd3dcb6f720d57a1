package org.pyacq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The process table prints the same numbers whatever the user's locale (people and scripts read it). */
class PsTableLocaleTest {
    private Locale saved;

    @BeforeEach
    void germanLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void memoryAndUptimeUseADotAndAsciiDigitsUnderAGermanLocale() {
        assertEquals("1.5G", PsTable.bytes(3L << 29));
        assertEquals("5m07s", PsTable.duration(307));
    }
}

package org.pyacq.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of a stall report that need no stalled process (ProcessSpawnerTest has one with a real stall). */
class StallReportTest {
    @Test
    void mainFramesAreTheMainThreadsStateAndTopFrames() {
        String dump = "Full thread dump OpenJDK 64-Bit Server VM:\n\n"
                + "\"Reference Handler\" #2 daemon prio=10\n   java.lang.Thread.State: RUNNABLE\n\tat x.y(Z.java)\n\n"
                + "\"main\" #1 prio=5 os_prio=0 cpu=120.5ms elapsed=31.2s tid=0x1 nid=0x2 waiting on condition\n"
                + "   java.lang.Thread.State: WAITING (parking)\n"
                + "\tat jdk.internal.misc.Unsafe.park(java.base@17/Native Method)\n"
                + "\tat org.pyacq.Foo.bar(Foo.java:12)\n\n"
                + "\"Other\" #9\n";
        assertEquals(List.of("java.lang.Thread.State: WAITING (parking)",
                "at jdk.internal.misc.Unsafe.park(java.base@17/Native Method)", "at org.pyacq.Foo.bar(Foo.java:12)"),
                StallReport.mainFrames(dump));
        assertEquals(List.of(), StallReport.mainFrames("no dump here"));
    }

    @Test
    void procStateOfALiveProcessNamesItsStateCpuTimeAndThreads() {
        String s = StallReport.procState(ProcessHandle.current().pid());
        assertTrue(s.matches("; it was [a-z ]+ \\([A-Za-z]\\) with \\d+\\.\\d\\d s of CPU time, \\d+ threads"), s);
        assertEquals("", StallReport.procState(Long.MAX_VALUE), "no such process: nothing to say");
    }
}

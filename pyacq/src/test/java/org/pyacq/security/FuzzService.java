package org.pyacq.security;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/** What the fuzz target serves: small methods whose arguments cannot ask for big allocations. */
public final class FuzzService {
    public int add(int a, int b) {
        return a + b;
    }

    public Object echo(Object value) {
        return value;
    }

    public String describe(Map<String, Object> values) {
        return values.keySet().toString();
    }

    public int count(List<Object> values) {
        return values.size();
    }

    /** Heap in use after garbage collection, in bytes: how the test checks that memory stays bounded. */
    public long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

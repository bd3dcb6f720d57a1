package org.pyacq.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The last N log records (as pyacq record maps), for {@code pyacq logs}. Thread-safe. */
final class LogHistory {
    private final int capacity;
    private final ArrayDeque<Map<String, Object>> records;

    LogHistory(int capacity) {
        this.capacity = capacity;
        this.records = new ArrayDeque<>(Math.min(capacity, 1 << 16));
    }

    synchronized void add(Map<String, Object> record) {
        if (capacity == 0) {
            return;
        }
        if (records.size() == capacity) {
            records.removeFirst();
        }
        records.addLast(record);
    }

    /** Up to {@code limit} newest records matching, oldest first. */
    synchronized List<Map<String, Object>> recent(String process, int minLevel, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        Iterator<Map<String, Object>> it = records.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            Map<String, Object> r = it.next();
            if (process != null && !process.equals(r.get("process_name"))) {
                continue;
            }
            if (r.get("levelno") instanceof Number n && n.intValue() < minLevel) {
                continue;
            }
            out.add(r);
        }
        Collections.reverse(out);
        return out;
    }
}

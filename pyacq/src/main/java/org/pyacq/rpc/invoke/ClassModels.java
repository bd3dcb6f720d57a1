package org.pyacq.rpc.invoke;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The cache of {@link ClassModel}s: each class is scanned by reflection at most once per invoker. */
final class ClassModels {

    private final ConcurrentHashMap<Class<?>, ClassModel> models = new ConcurrentHashMap<>();
    private final AtomicInteger scans = new AtomicInteger();

    ClassModel of(Class<?> type) {
        ClassModel model = models.get(type);
        if (model != null) {
            return model;
        }
        return models.computeIfAbsent(type, t -> {
            scans.incrementAndGet();
            return ClassScanner.scan(t);
        });
    }

    /** How many classes have been scanned; for tests that check the cache works. */
    int scans() {
        return scans.get();
    }
}

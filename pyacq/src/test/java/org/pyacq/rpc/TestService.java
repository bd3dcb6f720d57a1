package org.pyacq.rpc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.pyacq.wire.DType;
import org.pyacq.wire.NdArray;

/** An object that tests serve remotely; counts its live instances like pyacq's test class. */
public class TestService {
    public static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Names of the instances not yet garbage-collected. */
    public static final java.util.Set<String> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public String name;
    public int counter;
    public final List<Object> received = new ArrayList<>();

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    public TestService(String name) {
        this.name = name;
        INSTANCES.incrementAndGet();
        String key = name;
        LIVE.add(key);
        CLEANER.register(this, () -> {
            INSTANCES.decrementAndGet();
            LIVE.remove(key);
        });
    }

    public int add(int a, int b) {
        return a + b;
    }

    public String add(String a, String b) {
        return a + b;
    }

    /** Sleeps, then returns its argument: lets tests order replies. */
    public Object sleepThenReturn(double seconds, Object value) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        return value;
    }

    /** Blocks until the latch opens (bounded). */
    public boolean awaitLatch(CountDownLatch latch, double seconds) throws InterruptedException {
        return latch.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    public List<Object> getList() {
        List<Object> l = new ArrayList<>();
        l.add(0);
        l.add("x");
        l.add(7);
        return l;
    }

    public Map<String, Object> types() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 7);
        m.put("float", 0.5);
        m.put("str", "xxx");
        m.put("bytes", new byte[] {1, 2, 3});
        m.put("array", NdArray.wrap(DType.FLOAT32, new float[] {1, 2, 3, 4}, 2, 2));
        m.put("map", Map.of("a", 1));
        m.put("list", List.of(1, 2));
        m.put("datetime", LocalDateTime.of(2015, 1, 1, 12, 0));
        m.put("date", LocalDate.of(2015, 1, 1));
        m.put("object", new StringBuilder("proxied"));
        return m;
    }

    /** The Java type name of what arrived, to check what a value became on the way. */
    public String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    public Object echo(Object value) {
        return value;
    }

    public double[] echoArray(double[] values) {
        return values;
    }

    public void fail(String message) {
        throw new IllegalStateException(message);
    }

    public int divide(int a, int b) {
        return a / b;
    }

    /** Calls back a function it was given. */
    public Object applyTwice(Function<Object, Object> f, Object x) {
        return f.apply(f.apply(x));
    }

    /** Uses a proxy to another server's object: calls its add method. */
    public Object useRemote(TestServiceApi other, int a, int b) {
        return other.add(a, b);
    }

    public void remember(Object o) {
        received.add(o);
    }

    public TestService self() {
        return this;
    }

    /** An interface view other servers can be given. */
    public interface TestServiceApi {
        int add(int a, int b);
    }
}

package org.pyacq.rpc.invoke;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.pyacq.wire.NdArray;

/** Classes and helpers shared by the invoker tests. They are public so that reflection may use them. */
final class Fixtures {

    private Fixtures() {
    }

    /** Calls {@code target.name(args...)} through the invoker, as a server would for a walk plus call_obj. */
    static Object call(Invoker invoker, Object target, String name, Object... args) {
        return invoker.call(invoker.getAttribute(target, name), Arrays.asList(args));
    }

    /** A class with fields, a field sharing its name with a method, statics and array parameters. */
    public static class Sample {
        public static final String GREETING = "hello";
        public static int counter = 7;
        public final String id = "s1";
        public int size = 3;
        public double ratio;
        public List<String> tags = new ArrayList<>();

        public int size() {
            return 42;
        }

        public int sum(int[] values) {
            return Arrays.stream(values).sum();
        }

        public String join(String[] parts) {
            return String.join("+", parts);
        }

        public double total(double[][] matrix) {
            return Arrays.stream(matrix).flatMapToDouble(Arrays::stream).sum();
        }

        public String describe(NdArray a) {
            return a.dtype() + " " + Arrays.toString(a.shape());
        }

        public String apply(Function<String, String> f, String x) {
            return f.apply(f.apply(x));
        }

        public static class Inner {
            public String where() {
                return "inner";
            }
        }
    }

    /** Two overloads that tie for (Integer, Integer), as in javac. */
    public static class Amb {
        public String f(Integer a, Object b) {
            return "IO";
        }

        public String f(Object a, Integer b) {
            return "OI";
        }
    }

    /** A custom functional interface. */
    @FunctionalInterface
    public interface Greeter {
        String greet(String name, int times);
    }

    /** Implements two functional interfaces with the same arity: calling it is ambiguous. */
    public static class Both implements Runnable, Callable<String> {
        @Override
        public void run() {
        }

        @Override
        public String call() {
            return "called";
        }
    }

    /** A remote object for tests: what calling it returns is given by {@code behaviour}. */
    public record FakeRemote(String name, Function<List<Object>, Object> behaviour) {
    }

    /** {@link RemoteObjects} for {@link FakeRemote}s; adapt() makes a JDK proxy that calls back. */
    public static final class FakeRemotes implements RemoteObjects {
        @Override
        public boolean isRemote(Object value) {
            return value instanceof FakeRemote;
        }

        @Override
        public Object callRemote(Object remote, List<Object> args) {
            return ((FakeRemote) remote).behaviour().apply(args);
        }

        @Override
        public <T> T adapt(Object remote, Class<T> iface) {
            Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (p, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.getName().equals("toString") ? "adapted " + remote : method.invoke(remote, args);
                }
                return callRemote(remote, args == null ? List.of() : Arrays.asList(args));
            });
            return iface.cast(proxy);
        }

        @Override
        public Object remoteAttribute(Object remote, String name) {
            return ((FakeRemote) remote).name() + "." + name;
        }
    }
}

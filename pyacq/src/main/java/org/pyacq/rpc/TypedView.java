package org.pyacq.rpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Implements an interface by forwarding its calls to a remote object ({@link ObjectProxy#as}).
 * Each interface method is modelled once (which remote attribute to call, how to convert the
 * result) and cached.
 */
final class TypedView implements InvocationHandler {
    private static final Map<Method, MethodModel> MODELS = new ConcurrentHashMap<>();

    /** What a call to one interface method does remotely. */
    private record MethodModel(String attribute, boolean callsTargetItself, Class<?> returnType) {
    }

    private final ObjectProxy target;
    private final Class<?> iface;

    private TypedView(ObjectProxy target, Class<?> iface) {
        this.target = target;
        this.iface = iface;
    }

    static <T> T create(ObjectProxy target, Class<T> iface) {
        Objects.requireNonNull(iface, "iface");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface; typed views implement "
                    + "interfaces (e.g. java.util.Map, java.util.function.Function)");
        }
        Object view = Proxy.newProxyInstance(loaderFor(iface), new Class<?>[] {iface}, new TypedView(target, iface));
        return iface.cast(view);
    }

    private static ClassLoader loaderFor(Class<?> iface) {
        ClassLoader l = iface.getClassLoader();
        return l != null ? l : TypedView.class.getClassLoader();
    }

    ObjectProxy target() {
        return target;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    Object other = args[0];
                    if (other instanceof Proxy && Proxy.getInvocationHandler(other) instanceof TypedView v) {
                        return target.equals(v.target);
                    }
                    return false;
                case "hashCode":
                    return target.hashCode();
                default:
                    return "view as " + iface.getSimpleName() + " of " + target;
            }
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(self, method, args);
        }
        MethodModel model = MODELS.computeIfAbsent(method, TypedView::model);
        ObjectProxy callee = model.callsTargetItself ? target : target.attr(model.attribute);
        Object result = callee.callWith(SyncMode.SYNC, args == null ? new Object[0] : args);
        return ResultConversion.convertTo(result, model.returnType);
    }

    private static MethodModel model(Method m) {
        Class<?> owner = m.getDeclaringClass();
        if (isFunctional(owner)) {
            return new MethodModel(null, true, m.getReturnType());
        }
        long sameName = Arrays.stream(owner.getMethods()).filter(o -> o.getName().equals(m.getName())
                && Modifier.isAbstract(o.getModifiers())).count();
        String attribute = sameName > 1 ? m.getName() + "(" + Arrays.stream(m.getParameterTypes())
                .map(Class::getName).collect(Collectors.joining(",")) + ")" : m.getName();
        return new MethodModel(attribute, false, m.getReturnType());
    }

    /**
     * A functional interface whose single method stands for "call the object": annotated
     * {@code @FunctionalInterface} or a JDK one ({@code Runnable}, {@code java.util.function.*}).
     * Other one-method interfaces call the remote method by name, like any interface.
     */
    private static boolean isFunctional(Class<?> c) {
        if (!c.isAnnotationPresent(FunctionalInterface.class) && !c.getName().startsWith("java.")) {
            return false;
        }
        int abstracts = 0;
        for (Method m : c.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                abstracts++;
            }
        }
        return abstracts == 1;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}

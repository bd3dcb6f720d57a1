package org.pyacq.rpc.invoke;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** One method or constructor that a call can pick, with its signature text for messages. */
final class Invocable {

    private final Method method;
    private final Constructor<?> constructor;
    private final Class<?>[] parameterTypes;
    private final boolean varArgs;
    private final String signature;
    private final String signatureWithResult;

    private Invocable(Method method, Constructor<?> constructor, String name) {
        this.method = method;
        this.constructor = constructor;
        Executable e = method != null ? method : constructor;
        this.parameterTypes = e.getParameterTypes();
        this.varArgs = e.isVarArgs();
        this.signature = name + "(" + TypeNames.parameterList(parameterTypes, varArgs) + ")";
        this.signatureWithResult = method == null ? signature
                : signature + " -> " + TypeNames.simple(method.getReturnType());
    }

    static Invocable of(Method m) {
        return new Invocable(m, null, m.getName());
    }

    /** A constructor, shown with the simple name of its class: {@code StringBuilder(String)}. */
    static Invocable of(Constructor<?> c) {
        return new Invocable(null, c, TypeNames.simple(c.getDeclaringClass()));
    }

    Executable executable() {
        return method != null ? method : constructor;
    }

    /** The parameter types; shared, do not modify. */
    Class<?>[] parameterTypes() {
        return parameterTypes;
    }

    int arity() {
        return parameterTypes.length;
    }

    boolean isVarArgs() {
        return varArgs;
    }

    boolean isConstructor() {
        return constructor != null;
    }

    /** {@code add(int, Object)}; for constructors {@code StringBuilder(String)}. */
    String signature() {
        return signature;
    }

    /** {@code add(int, Object) -> boolean}; constructors as {@link #signature()}. */
    String signatureWithResult() {
        return signatureWithResult;
    }

    /**
     * Invokes with arguments already converted to the parameter types. An exception thrown by the
     * member itself is rethrown unchanged, checked or not.
     */
    Object invoke(Object target, Object[] args) {
        try {
            return method != null ? method.invoke(target, args) : constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw Invocable.<RuntimeException>rethrow(e.getCause());
        } catch (InstantiationException e) {
            throw new NotCallableException("cannot construct " + TypeNames.full(constructor.getDeclaringClass())
                    + ": it is abstract");
        } catch (IllegalAccessException e) {
            throw new InvokeException("cannot access " + describe() + " (" + e.getMessage()
                    + "); its class is not public or its package is not exported", e);
        } catch (IllegalArgumentException e) {
            throw new InvokeException("internal error: arguments converted for " + describe()
                    + " were refused by reflection (" + e.getMessage() + ")", e);
        }
    }

    private String describe() {
        return executable().getDeclaringClass().getTypeName() + "." + signature;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return signatureWithResult;
    }
}

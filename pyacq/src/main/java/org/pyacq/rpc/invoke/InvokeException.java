package org.pyacq.rpc.invoke;

/**
 * Base of the errors the {@link Invoker} raises itself. Exceptions thrown by the invoked Java code
 * are not wrapped: they reach the caller unchanged, so the server reports their real type.
 */
public class InvokeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvokeException(String message) {
        super(message);
    }

    public InvokeException(String message, Throwable cause) {
        super(message, cause);
    }
}

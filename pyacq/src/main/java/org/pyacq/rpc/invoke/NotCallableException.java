package org.pyacq.rpc.invoke;

/** A call on something that cannot be called: not a class, method, functional object or remote object. */
public class NotCallableException extends InvokeException {
    private static final long serialVersionUID = 1L;

    public NotCallableException(String message) {
        super(message);
    }
}

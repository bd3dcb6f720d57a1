package org.pyacq.rpc.invoke;

/**
 * Thrown by {@code __next__} on an exhausted iterator. Named like Python's exception so that a
 * remote Python caller sees the type name {@code StopIteration} and ends its loop.
 */
public class StopIteration extends InvokeException {
    private static final long serialVersionUID = 1L;

    public StopIteration(String message) {
        super(message);
    }
}

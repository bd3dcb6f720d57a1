package org.pyacq.rpc.invoke;

/**
 * An arithmetic or comparison special name applied to values it does not support, worded like
 * Python's {@code TypeError}: {@code unsupported operand types for +: 'Integer' and 'String'}.
 */
public class UnsupportedOperandException extends InvokeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedOperandException(String message) {
        super(message);
    }
}

package org.pyacq.rpc.invoke;

/**
 * Arguments a special name or field assignment cannot accept: wrong count, wrong type, a final
 * field. (Overloaded Java calls report through {@link OverloadException} instead.)
 */
public class ArgumentException extends InvokeException {
    private static final long serialVersionUID = 1L;

    public ArgumentException(String message) {
        super(message);
    }
}

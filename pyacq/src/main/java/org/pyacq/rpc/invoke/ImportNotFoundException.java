package org.pyacq.rpc.invoke;

/** An {@code import} of a dotted name that is neither a class nor a package known to the server. */
public class ImportNotFoundException extends InvokeException {
    private static final long serialVersionUID = 1L;

    private final String name;

    public ImportNotFoundException(String name) {
        super("no class or package named '" + name + "' (is the class on the server's class path?)");
        this.name = name;
    }

    /** The dotted name that was asked for. */
    public String name() {
        return name;
    }
}

package org.pyacq.cli.repl;

/**
 * Input that ends inside a string or with a bracket still open: more lines may complete it.
 * Interactive and script input read on; at the real end of input it is a syntax error.
 */
public final class IncompleteInputException extends ReplSyntaxException {
    private static final long serialVersionUID = 1L;
    private final String missing;

    /**
     * @param position offset of the opening quote or bracket
     * @param missing what would close it, e.g. {@code )} or {@code "}
     */
    public IncompleteInputException(String message, int position, String missing) {
        super(message, position);
        this.missing = missing;
    }

    /** The closing text that is missing, e.g. {@code ]}. */
    public String missing() {
        return missing;
    }
}

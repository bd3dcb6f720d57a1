package org.pyacq.rpc.invoke;

import java.util.List;

/**
 * No overload fits the argument values, or several fit equally well. The message is the user
 * interface, e.g. {@code no overload of ArrayList.add fits (Long, String); tried: add(Object), add(int, Object)}
 * or {@code ambiguous call Foo.f(Integer, Integer): f(Integer, Object) and f(Object, Integer) fit equally well}.
 */
public class OverloadException extends InvokeException {
    private static final long serialVersionUID = 1L;

    private final String callName;
    private final List<String> argumentTypes;
    private final List<String> candidates;
    private final boolean ambiguous;

    private OverloadException(String message, String callName, List<String> argumentTypes,
            List<String> candidates, boolean ambiguous) {
        super(message);
        this.callName = callName;
        this.argumentTypes = List.copyOf(argumentTypes);
        this.candidates = List.copyOf(candidates);
        this.ambiguous = ambiguous;
    }

    /**
     * None of {@code tried} accepts the arguments.
     *
     * @param description e.g. {@code overload of ArrayList.add} or {@code constructor of StringBuilder}
     */
    static OverloadException noFit(String description, String callName, List<String> argumentTypes,
            List<String> tried) {
        return new OverloadException("no " + description + " fits (" + String.join(", ", argumentTypes)
                + "); tried: " + String.join(", ", tried), callName, argumentTypes, tried, false);
    }

    /** All of {@code tied} accept the arguments at the same cost and none is more specific. */
    static OverloadException ambiguous(String callName, List<String> argumentTypes, List<String> tied) {
        return new OverloadException("ambiguous call " + callName + "(" + String.join(", ", argumentTypes) + "): "
                + joinWithAnd(tied) + " fit equally well", callName, argumentTypes, tied, true);
    }

    private static String joinWithAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The call as written in messages: {@code ArrayList.add} or {@code new StringBuilder}. */
    public String callName() {
        return callName;
    }

    /** Simple type names of the argument values ({@code null} for null). */
    public List<String> argumentTypes() {
        return argumentTypes;
    }

    /** The signatures tried (no fit) or tied (ambiguous). */
    public List<String> candidates() {
        return candidates;
    }

    /** True for an ambiguous call, false when nothing fits. */
    public boolean isAmbiguous() {
        return ambiguous;
    }
}

package org.pyacq.rpc.invoke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The candidates of one call site: the methods of a class sharing a name, or its constructors.
 * Immutable and created once per class model, so it serves as a cache key by identity.
 */
final class Overloads {

    static final String CONSTRUCTOR = "<init>";

    /** Fewest parameters first, then by parameter list ignoring case ({@code remove(int)} before {@code remove(Object)}). */
    private static final Comparator<Invocable> ORDER = Comparator.comparingInt(Invocable::arity)
            .thenComparing(Invocable::signature, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Invocable::signature);

    private final String owner;
    private final String name;
    private final List<Invocable> candidates;

    /**
     * @param owner simple name of the class the members were found in, e.g. {@code ArrayList}
     * @param name  member name, {@link #CONSTRUCTOR} for constructors
     */
    Overloads(String owner, String name, List<Invocable> candidates) {
        this.owner = owner;
        this.name = name;
        List<Invocable> sorted = new ArrayList<>(candidates);
        sorted.sort(ORDER);
        this.candidates = List.copyOf(sorted);
    }

    String owner() {
        return owner;
    }

    String name() {
        return name;
    }

    List<Invocable> candidates() {
        return candidates;
    }

    boolean isConstructor() {
        return CONSTRUCTOR.equals(name);
    }

    /** The call as messages write it: {@code ArrayList.add} or {@code new StringBuilder}. */
    String callName() {
        return isConstructor() ? "new " + owner : owner + "." + name;
    }

    /** {@code overload of ArrayList.add} or {@code constructor of StringBuilder}. */
    String description() {
        return isConstructor() ? "constructor of " + owner : "overload of " + owner + "." + name;
    }

    List<String> signatures() {
        return candidates.stream().map(Invocable::signature).toList();
    }

    @Override
    public String toString() {
        return callName() + signatures();
    }
}

package org.pyacq.rpc.invoke;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the invoker can use of one class, found once by reflection ({@link ClassScanner}) and then
 * cached ({@link ClassModels}): public fields, method groups, nested classes and constructors,
 * each reachable without {@code setAccessible}. Immutable, apart from lazily filled caches.
 */
final class ClassModel {

    private final Class<?> type;
    private final SortedMap<String, Field> instanceFields;
    private final SortedMap<String, Field> staticFields;
    private final SortedMap<String, Overloads> instanceMethods;
    private final SortedMap<String, Overloads> staticMethods;
    private final SortedMap<String, Class<?>> nestedClasses;
    private final Overloads constructors;
    private final Map<String, Overloads> exactSignatures = new ConcurrentHashMap<>();
    private volatile Optional<Overloads> functionalMethods;

    ClassModel(Class<?> type, Map<String, Field> instanceFields, Map<String, Field> staticFields,
            Map<String, Overloads> instanceMethods, Map<String, Overloads> staticMethods,
            Map<String, Class<?>> nestedClasses, Overloads constructors) {
        this.type = type;
        this.instanceFields = sorted(instanceFields);
        this.staticFields = sorted(staticFields);
        this.instanceMethods = sorted(instanceMethods);
        this.staticMethods = sorted(staticMethods);
        this.nestedClasses = sorted(nestedClasses);
        this.constructors = constructors;
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    Class<?> type() {
        return type;
    }

    SortedMap<String, Field> instanceFields() {
        return instanceFields;
    }

    SortedMap<String, Field> staticFields() {
        return staticFields;
    }

    SortedMap<String, Overloads> instanceMethods() {
        return instanceMethods;
    }

    SortedMap<String, Overloads> staticMethods() {
        return staticMethods;
    }

    SortedMap<String, Class<?>> nestedClasses() {
        return nestedClasses;
    }

    /** The public constructors, or null when the class cannot be constructed (abstract, interface, none public). */
    Overloads constructors() {
        return constructors;
    }

    /** Names usable on an instance: instance fields and methods. */
    SortedSet<String> instanceMemberNames() {
        SortedSet<String> names = new TreeSet<>(instanceFields.keySet());
        names.addAll(instanceMethods.keySet());
        return names;
    }

    /** Names usable on the class: static fields and methods, nested classes. */
    SortedSet<String> staticMemberNames() {
        SortedSet<String> names = new TreeSet<>(staticFields.keySet());
        names.addAll(staticMethods.keySet());
        names.addAll(nestedClasses.keySet());
        return names;
    }

    /**
     * The single abstract methods of the functional interfaces this class implements, or null if
     * it implements none. Computed on first use.
     */
    Overloads functionalMethods() {
        Optional<Overloads> f = functionalMethods;
        if (f == null) {
            f = Optional.ofNullable(FunctionalInterfaces.overloads(type));
            functionalMethods = f;
        }
        return f.orElse(null);
    }

    /**
     * The one overload named by an exact signature such as {@code remove(int)} or {@code <init>(String)}.
     *
     * @param onClass true to search static methods (and constructors), false for instance methods
     * @throws AttributeNotFoundException if no overload has that signature
     */
    Overloads exactSignature(String text, boolean onClass) {
        String key = (onClass ? "static " : "") + text;
        Overloads cached = exactSignatures.get(key);
        if (cached != null) {
            return cached;
        }
        ExactSignature signature = ExactSignature.parse(text);
        boolean constructor = signature.name().equals(Overloads.CONSTRUCTOR);
        Overloads group = constructor ? (onClass ? constructors : null)
                : (onClass ? staticMethods : instanceMethods).get(signature.name());
        String kind = constructor ? "constructor" : (onClass ? "static method" : "method");
        if (group == null) {
            String hint = constructor ? null : NameSuggester.hint(signature.name(),
                    (onClass ? staticMethods : instanceMethods).keySet());
            throw new AttributeNotFoundException(TypeNames.full(type), kind, text, hint);
        }
        List<Invocable> matching = group.candidates().stream().filter(signature::accepts).toList();
        if (matching.isEmpty()) {
            throw new AttributeNotFoundException(TypeNames.full(type), kind, text,
                    "its overloads are " + String.join(", ", group.signatures()));
        }
        if (matching.size() > 1) {
            throw new ArgumentException("'" + text + "' matches several overloads of " + TypeNames.full(type) + ": "
                    + String.join(", ", matching.stream().map(Invocable::signature).toList())
                    + "; write the parameter types with their packages, e.g. java.util.Date");
        }
        Overloads exact = new Overloads(group.owner(), group.name(), matching);
        Overloads raced = exactSignatures.putIfAbsent(key, exact);
        return raced != null ? raced : exact;
    }
}

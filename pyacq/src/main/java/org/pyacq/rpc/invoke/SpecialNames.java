package org.pyacq.rpc.invoke;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Python special names ("dunders") on Java objects, PROTOCOL.md section 9: which apply to a target,
 * and what they do. Containers are in {@link ContainerSpecials}, numbers in {@link NumberOps},
 * the rest in {@link ObjectSpecials} and {@link Inspector}. An attribute walk to a special name
 * gives a {@link SpecialMethod}; calling it runs the behaviour here.
 */
final class SpecialNames {

    @FunctionalInterface
    private interface Behaviour {
        Object apply(Object target, List<Object> args);
    }

    /** A special name, its argument count (-1: any), what it applies to, and what it does. */
    private record Special(String name, int arity, Predicate<Object> appliesTo, String appliesText, Behaviour behaviour) {
    }

    private static final Predicate<Object> ANY = t -> true;
    private static final Predicate<Object> OBJECTS = t -> !(t instanceof PackageRef);
    private static final Predicate<Object> NUMBERS = NumberOps::isNumber;
    private static final Predicate<Object> INTEGERS = NumberOps::isInteger;
    private static final Predicate<Object> LOGICAL = t -> NumberOps.isInteger(t) || t instanceof Boolean;
    private static final Predicate<Object> ORDERED = t -> NumberOps.isNumber(t) || t instanceof Comparable;

    private final Map<String, Special> specials = new HashMap<>();
    private final Inspector inspector;

    SpecialNames(Invoker invoker, ClassModels models, Conversions conversions, AccessPolicy policy, PackageIndex index) {
        this.inspector = new Inspector(models, index, this);
        ContainerSpecials containers = new ContainerSpecials(conversions);
        ObjectSpecials objects = new ObjectSpecials(invoker, models, conversions, policy);

        String items = "arrays, lists, maps and character sequences";
        add("__getitem__", 1, ContainerSpecials::indexable, items, (t, a) -> containers.getItem(t, a.get(0)));
        add("__setitem__", 2, ContainerSpecials::itemAssignable, "arrays, lists and maps",
                (t, a) -> containers.setItem(t, a.get(0), a.get(1)));
        add("__delitem__", 1, ContainerSpecials::itemDeletable, "lists and maps", (t, a) -> containers.deleteItem(t, a.get(0)));
        add("__len__", 0, ContainerSpecials::sized, "collections, maps, arrays and character sequences",
                (t, a) -> ContainerSpecials.length(t));
        add("__contains__", 1, ContainerSpecials::sized, "collections, maps, arrays and character sequences",
                (t, a) -> ContainerSpecials.contains(t, a.get(0)));
        add("__iter__", 0, ContainerSpecials::iterable, "iterables, maps, arrays and iterators",
                (t, a) -> ContainerSpecials.iterate(t));
        add("__next__", 0, ContainerSpecials::iterator, "iterators", (t, a) -> ContainerSpecials.next(t));

        add("__eq__", 1, ANY, "", (t, a) -> ObjectSpecials.valueEquals(t, a.get(0)));
        add("__ne__", 1, ANY, "", (t, a) -> !ObjectSpecials.valueEquals(t, a.get(0)));
        add("__hash__", 0, ANY, "", (t, a) -> ObjectSpecials.hash(t));
        add("__str__", 0, ANY, "", (t, a) -> ObjectSpecials.str(t));
        add("__repr__", 0, ANY, "", (t, a) -> ObjectSpecials.repr(t));
        add("__bool__", 0, ANY, "", (t, a) -> ObjectSpecials.truth(t));
        add("__call__", -1, invoker::isCallable, "classes, methods and functional objects", invoker::call);
        add("__getattr__", 1, ANY, "", (t, a) -> objects.getAttr(t, a.get(0)));
        add("__setattr__", 2, OBJECTS, "classes and objects", (t, a) -> objects.setAttr(t, a.get(0), a.get(1)));
        add("__dir__", 0, ANY, "", (t, a) -> inspector.dir(t));
        add("__inspect__", 0, ANY, "", (t, a) -> inspector.inspect(t));

        String numbers = "numbers (boxed primitives, BigInteger, BigDecimal)";
        for (String op : NumberOps.ARITHMETIC) {
            add("__" + op + "__", 1, NUMBERS, numbers, (t, a) -> NumberOps.binary(op, t, a.get(0)));
            add("__r" + op + "__", 1, NUMBERS, numbers, (t, a) -> NumberOps.binary(op, a.get(0), t));
        }
        for (String op : NumberOps.BITWISE) {
            boolean logical = !op.endsWith("shift");
            Predicate<Object> applies = logical ? LOGICAL : INTEGERS;
            String text = logical ? "integers and booleans" : "integers";
            add("__" + op + "__", 1, applies, text, (t, a) -> NumberOps.binary(op, t, a.get(0)));
            add("__r" + op + "__", 1, applies, text, (t, a) -> NumberOps.binary(op, a.get(0), t));
        }
        for (String op : NumberOps.UNARY) {
            boolean integral = op.equals("invert");
            add("__" + op + "__", 0, integral ? INTEGERS : NUMBERS, integral ? "integers" : numbers,
                    (t, a) -> NumberOps.unary(op, t));
        }
        for (String op : NumberOps.COMPARISONS) {
            add("__" + op + "__", 1, ORDERED, "numbers and Comparable objects",
                    (t, a) -> ObjectSpecials.compare(op, t, a.get(0)));
        }
    }

    private void add(String name, int arity, Predicate<Object> appliesTo, String appliesText, Behaviour behaviour) {
        specials.put(name, new Special(name, arity, appliesTo, appliesText, behaviour));
    }

    /** True for names shaped like {@code __name__}. */
    static boolean isSpecialName(String name) {
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__") && name.indexOf('(') < 0;
    }

    /** The special bound to {@code target}, or null when it does not apply (or does not exist). */
    SpecialMethod bind(Object target, String name) {
        Special s = specials.get(name);
        return s != null && s.appliesTo().test(target) ? new SpecialMethod(target, name) : null;
    }

    /** Advice for a special name that does not apply: what it applies to, or the closest that does. */
    String hintFor(Object target, String name) {
        Special s = specials.get(name);
        if (s != null && !s.appliesText().isEmpty()) {
            return name + " applies to " + s.appliesText();
        }
        return NameSuggester.hint(name, applicableTo(target));
    }

    /** The special names that apply to {@code target}, sorted. */
    SortedSet<String> applicableTo(Object target) {
        SortedSet<String> names = new TreeSet<>();
        for (Special s : specials.values()) {
            if (s.appliesTo().test(target)) {
                names.add(s.name());
            }
        }
        return names;
    }

    Inspector inspector() {
        return inspector;
    }

    /** Runs a bound special name. */
    Object invoke(SpecialMethod method, List<Object> args) {
        Special s = specials.get(method.name());
        if (s.arity() >= 0 && args.size() != s.arity()) {
            String expected = s.arity() == 0 ? "no arguments" : s.arity() == 1 ? "1 argument" : s.arity() + " arguments";
            throw new ArgumentException(s.name() + " takes " + expected + " (" + args.size() + " given)");
        }
        return s.behaviour().apply(method.target(), args);
    }
}

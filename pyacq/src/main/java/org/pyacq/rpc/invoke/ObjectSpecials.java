package org.pyacq.rpc.invoke;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The special names every object has: equality, hash, text forms, truth, comparisons, and
 * attribute access by name ({@code __getattr__}, {@code __setattr__}).
 */
final class ObjectSpecials {

    private final Invoker invoker;
    private final ClassModels models;
    private final Conversions conversions;
    private final AccessPolicy policy;

    ObjectSpecials(Invoker invoker, ClassModels models, Conversions conversions, AccessPolicy policy) {
        this.invoker = invoker;
        this.models = models;
        this.conversions = conversions;
        this.policy = policy;
    }

    /** Python's {@code ==}: numbers by value across types, arrays by content, else {@code equals}. */
    static boolean valueEquals(Object a, Object b) {
        if (NumberOps.isNumber(a) && NumberOps.isNumber(b)) {
            return NumberOps.equal((Number) a, (Number) b);
        }
        return Objects.deepEquals(a, b);
    }

    /** {@code str()}: {@code toString}, arrays by content. */
    static String str(Object v) {
        return v != null && v.getClass().isArray() ? arrayText(v) : String.valueOf(v);
    }

    /** {@code repr()}: text quoted, arrays with their type, else {@code toString}. */
    static String repr(Object v) {
        if (v instanceof CharSequence || v instanceof Character) {
            return "'" + v.toString().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (v != null && v.getClass().isArray()) {
            return TypeNames.simple(v.getClass()) + " " + arrayText(v);
        }
        return String.valueOf(v);
    }

    private static String arrayText(Object array) {
        String nested = Arrays.deepToString(new Object[] {array});
        return nested.substring(1, nested.length() - 1);
    }

    static int hash(Object v) {
        return v != null && v.getClass().isArray() ? Arrays.deepHashCode(new Object[] {v}) : Objects.hashCode(v);
    }

    /** Python's truth: false for null, false, zero, NaN and empty containers and text. */
    static boolean truth(Object v) {
        if (v == null) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (NumberOps.isNumber(v)) {
            return !NumberOps.equal((Number) v, 0) && !(v instanceof Double d && d.isNaN())
                    && !(v instanceof Float f && f.isNaN());
        } else if (v instanceof Collection || v instanceof Map || v instanceof CharSequence || v.getClass().isArray()) {
            return ContainerSpecials.length(v) > 0;
        } else if (v instanceof Optional<?> o) {
            return o.isPresent();
        }
        return true;
    }

    /** {@code a < b} etc.: numbers by value, otherwise {@code compareTo} between instances of one class. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean compare(String op, Object a, Object b) {
        if (NumberOps.isNumber(a) && NumberOps.isNumber(b)) {
            return NumberOps.compares(op, (Number) a, (Number) b);
        }
        if (a instanceof Comparable c && b != null && (a.getClass().isInstance(b) || b.getClass().isInstance(a))) {
            return NumberOps.holds(op, c.compareTo(b));
        }
        throw new UnsupportedOperandException("'" + NumberOps.symbol(op) + "' not supported between instances of '"
                + TypeNames.ofValue(a) + "' and '" + TypeNames.ofValue(b) + "'");
    }

    Object getAttr(Object target, Object name) {
        return invoker.valueOf(invoker.getAttribute(target, attributeName(name)));
    }

    /** Sets a public non-final field (static on a class target), converting the value to its type. */
    Object setAttr(Object target, Object name, Object value) {
        String n = attributeName(name);
        boolean onClass = target instanceof Class;
        Class<?> owner = onClass ? (Class<?>) target : target.getClass();
        policy.checkClass(owner);
        policy.checkMember(owner, n);
        ClassModel model = models.of(owner);
        Map<String, Field> fields = onClass ? model.staticFields() : model.instanceFields();
        Field f = fields.get(n);
        if (f == null) {
            throw new AttributeNotFoundException(TypeNames.full(owner), onClass ? "static field" : "field", n,
                    NameSuggester.hint(n, fields.keySet()));
        }
        String fieldName = TypeNames.full(owner) + "." + n;
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ArgumentException("field " + fieldName + " is final and cannot be set");
        }
        Object converted = conversions.convert(value, f.getType());
        if (converted == Conversion.NO_FIT) {
            throw new ArgumentException("cannot set field " + fieldName + " of type " + TypeNames.simple(f.getType())
                    + " to " + TypeNames.ofValue(value) + " " + repr(value));
        }
        try {
            f.set(onClass ? null : target, converted);
        } catch (IllegalAccessException e) {
            throw new InvokeException("cannot set field " + fieldName + ": " + e.getMessage(), e);
        }
        return null;
    }

    private static String attributeName(Object name) {
        if (!(name instanceof String s)) {
            throw new ArgumentException("attribute names must be strings, not " + TypeNames.ofValue(name));
        }
        return s;
    }
}

package org.pyacq.rpc.invoke;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The container special names: {@code __getitem__}, {@code __setitem__}, {@code __delitem__},
 * {@code __len__}, {@code __contains__}, {@code __iter__}, {@code __next__} on arrays, lists, maps,
 * character sequences and iterators. Indexes are Python's: integers, negative ones count from the end.
 */
final class ContainerSpecials {

    private final Conversions conversions;

    ContainerSpecials(Conversions conversions) {
        this.conversions = conversions;
    }

    static boolean indexable(Object t) {
        return t.getClass().isArray() || t instanceof List || t instanceof Map || t instanceof CharSequence;
    }

    static boolean itemAssignable(Object t) {
        return t.getClass().isArray() || t instanceof List || t instanceof Map;
    }

    static boolean itemDeletable(Object t) {
        return t instanceof List || t instanceof Map;
    }

    static boolean sized(Object t) {
        return t instanceof Collection || t instanceof Map || t.getClass().isArray() || t instanceof CharSequence;
    }

    static boolean iterable(Object t) {
        return t instanceof Iterable || t instanceof Map || t.getClass().isArray() || t instanceof Iterator;
    }

    static boolean iterator(Object t) {
        return t instanceof Iterator;
    }

    Object getItem(Object t, Object key) {
        if (t instanceof Map<?, ?> m) {
            return m.get(existingKey(m, key));
        }
        if (t instanceof List<?> l) {
            return l.get(index(t, key, l.size()));
        }
        if (t instanceof CharSequence s) {
            return String.valueOf(s.charAt(index(t, key, s.length())));
        }
        return Array.get(t, index(t, key, Array.getLength(t)));
    }

    @SuppressWarnings("unchecked")
    Object setItem(Object t, Object key, Object value) {
        if (t instanceof Map<?, ?> m) {
            ((Map<Object, Object>) m).put(key, value);
        } else if (t instanceof List<?> l) {
            ((List<Object>) l).set(index(t, key, l.size()), value);
        } else {
            int i = index(t, key, Array.getLength(t));
            Class<?> element = t.getClass().getComponentType();
            Object converted = conversions.convert(value, element);
            if (converted == Conversion.NO_FIT) {
                throw new ArgumentException("cannot store " + TypeNames.ofValue(value) + " " + ObjectSpecials.repr(value)
                        + " in " + TypeNames.simple(t.getClass()) + " (its elements are " + TypeNames.simple(element) + ")");
            }
            Array.set(t, i, converted);
        }
        return null;
    }

    Object deleteItem(Object t, Object key) {
        if (t instanceof Map<?, ?> m) {
            m.remove(existingKey(m, key));
        } else {
            List<?> l = (List<?>) t;
            l.remove(index(t, key, l.size()));
        }
        return null;
    }

    static int length(Object t) {
        if (t instanceof Collection<?> c) {
            return c.size();
        } else if (t instanceof Map<?, ?> m) {
            return m.size();
        } else if (t instanceof CharSequence s) {
            return s.length();
        }
        return Array.getLength(t);
    }

    static boolean contains(Object t, Object x) {
        if (t instanceof Map<?, ?> m) {
            return findKey(m, x) != MISSING;
        }
        if (t instanceof CharSequence s) {
            return x != null && s.toString().contains(x.toString());
        }
        if (t instanceof Collection<?> c) {
            try {
                if (c.contains(x)) {
                    return true;
                }
            } catch (ClassCastException | NullPointerException notComparable) {
                return false;
            }
            if (!NumberOps.isNumber(x)) {
                return false;
            }
            for (Object e : c) {
                if (ObjectSpecials.valueEquals(e, x)) {
                    return true;
                }
            }
            return false;
        }
        int n = Array.getLength(t);
        for (int i = 0; i < n; i++) {
            if (ObjectSpecials.valueEquals(Array.get(t, i), x)) {
                return true;
            }
        }
        return false;
    }

    static Iterator<?> iterate(Object t) {
        if (t instanceof Iterator<?> it) {
            return it;
        } else if (t instanceof Iterable<?> i) {
            return i.iterator();
        } else if (t instanceof Map<?, ?> m) {
            return m.keySet().iterator();
        }
        return new ArrayIterator(t);
    }

    /** @throws StopIteration when the iterator is exhausted */
    static Object next(Object t) {
        Iterator<?> it = (Iterator<?>) t;
        if (!it.hasNext()) {
            throw new StopIteration(TypeNames.full(t.getClass()) + " is exhausted");
        }
        return it.next();
    }

    /** A Python index into a container of {@code size} elements: an integer, negative from the end. */
    static int index(Object container, Object key, int size) {
        if (!NumberOps.isInteger(key)) {
            throw new ArgumentException("indices of " + TypeNames.full(container.getClass()) + " must be integers, not "
                    + TypeNames.ofValue(key));
        }
        BigInteger i = NumericConversions.toBigInteger((Number) key);
        BigInteger j = i.signum() < 0 ? i.add(BigInteger.valueOf(size)) : i;
        if (j.signum() < 0 || j.compareTo(BigInteger.valueOf(size)) >= 0) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for " + TypeNames.full(container.getClass())
                    + " of length " + size);
        }
        return j.intValue();
    }

    private static final Object MISSING = new Object();

    /** The key as the map holds it; integers match whatever box the map uses (the wire narrows them). */
    private static Object existingKey(Map<?, ?> m, Object key) {
        Object found = findKey(m, key);
        if (found == MISSING) {
            throw new NoSuchElementException("key " + ObjectSpecials.repr(key) + " is not in "
                    + TypeNames.full(m.getClass()) + " (" + m.size() + " keys)");
        }
        return found;
    }

    private static Object findKey(Map<?, ?> m, Object key) {
        if (safeContainsKey(m, key)) {
            return key;
        }
        if (NumberOps.isInteger(key)) {
            BigInteger value = NumericConversions.toBigInteger((Number) key);
            for (NumericConversions.Kind k : List.of(NumericConversions.Kind.INT, NumericConversions.Kind.LONG,
                    NumericConversions.Kind.SHORT, NumericConversions.Kind.BYTE, NumericConversions.Kind.BIG_INTEGER)) {
                if (k == NumericConversions.Kind.BIG_INTEGER || k.holds(value)) {
                    Object alternative = k.from(value);
                    if (!alternative.getClass().equals(key.getClass()) && safeContainsKey(m, alternative)) {
                        return alternative;
                    }
                }
            }
        }
        return MISSING;
    }

    private static boolean safeContainsKey(Map<?, ?> m, Object key) {
        try {
            return m.containsKey(key);
        } catch (ClassCastException | NullPointerException otherKeyType) {
            return false;
        }
    }

    /** Iterates over the elements of any array, boxing primitives. */
    private static final class ArrayIterator implements Iterator<Object> {
        private final Object array;
        private int next;

        ArrayIterator(Object array) {
            this.array = array;
        }

        @Override
        public boolean hasNext() {
            return next < Array.getLength(array);
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return Array.get(array, next++);
        }
    }
}

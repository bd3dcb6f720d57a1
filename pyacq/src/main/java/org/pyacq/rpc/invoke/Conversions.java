package org.pyacq.rpc.invoke;

import java.util.Locale;

/**
 * Finds the {@link Conversion} from an argument's runtime class to a parameter type: exact or
 * subtype, boxing, numbers ({@link NumericConversions}), one-character strings to {@code char},
 * names to enum constants, containers ({@link ContainerConversions}), and proxies of remote
 * objects to interfaces (callbacks, through {@link RemoteObjects#adapt}).
 */
final class Conversions {

    private final RemoteObjects remotes;
    private final ContainerConversions containers;

    Conversions(RemoteObjects remotes) {
        this.remotes = remotes;
        this.containers = new ContainerConversions(this);
    }

    /**
     * The conversion for arguments of class {@code argClass} (null for a null argument) to
     * {@code param}, or null when there is none.
     *
     * @param remote whether the argument is a remote object (see {@link RemoteObjects#isRemote})
     */
    Conversion find(Class<?> argClass, boolean remote, Class<?> param) {
        if (argClass == null) {
            return param.isPrimitive() ? null : Conversion.identity(Conversion.SUBTYPE);
        }
        if (argClass == param) {
            return Conversion.identity(Conversion.EXACT);
        }
        if (remote) {
            return remoteConversion(argClass, param);
        }
        Conversion numeric = NumericConversions.find(argClass, param);
        if (numeric != null) {
            return numeric;
        }
        if (param.isPrimitive()) {
            if (argClass == TypeNames.box(param)) {
                return Conversion.identity(Conversion.UNBOX);
            }
            return param == char.class && argClass == String.class ? oneCharacter() : null;
        }
        if (param.isAssignableFrom(argClass)) {
            return Conversion.identity(Conversion.SUBTYPE);
        }
        if (param == Character.class && argClass == String.class) {
            return oneCharacter();
        }
        if (param.isEnum() && argClass == String.class) {
            return enumConstant(param);
        }
        return containers.find(argClass, param);
    }

    /** The conversion for one value, found each time (for elements of containers, fields, items). */
    Conversion find(Object value, Class<?> param) {
        return find(value == null ? null : value.getClass(), value != null && remotes.isRemote(value), param);
    }

    /** {@code value} converted to {@code type}, or {@link Conversion#NO_FIT}. */
    Object convert(Object value, Class<?> type) {
        Conversion c = find(value, type);
        return c == null ? Conversion.NO_FIT : c.apply(value);
    }

    boolean isRemote(Object value) {
        return value != null && remotes.isRemote(value);
    }

    private Conversion remoteConversion(Class<?> argClass, Class<?> param) {
        if (param.isAssignableFrom(argClass)) {
            return Conversion.identity(Conversion.SUBTYPE);
        }
        if (param.isInterface()) {
            return Conversion.always(Conversion.COPY, v -> remotes.adapt(v, param));
        }
        return null;
    }

    private static Conversion oneCharacter() {
        return Conversion.checked(Conversion.TEXT, v -> {
            String s = (String) v;
            return s.length() == 1 ? (Object) s.charAt(0) : Conversion.NO_FIT;
        });
    }

    private static Conversion enumConstant(Class<?> enumType) {
        Object[] constants = enumType.getEnumConstants();
        return Conversion.checked(Conversion.TEXT, v -> {
            for (Object c : constants) {
                if (((Enum<?>) c).name().equals(v)) {
                    return c;
                }
            }
            String upper = ((String) v).toUpperCase(Locale.ROOT);
            for (Object c : constants) {
                if (((Enum<?>) c).name().equals(upper)) {
                    return c;
                }
            }
            return Conversion.NO_FIT;
        });
    }
}

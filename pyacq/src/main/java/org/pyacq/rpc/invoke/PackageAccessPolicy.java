package org.pyacq.rpc.invoke;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@link AccessPolicy} from name prefixes. A prefix is a package ({@code java.util}), a class
 * ({@code java.lang.Runtime}, {@code java.util.Map$Entry}) or a member ({@code java.lang.System.exit});
 * it matches the name itself and names continuing it after a {@code .} or {@code $}, so
 * {@code java.lang.Class} matches {@code java.lang.Class.forName} but not {@code java.lang.ClassLoader}.
 * Constructors are the member {@code <init>}: {@code java.lang.Thread.<init>}.
 *
 * <p>Deny wins over allow. An empty allow list allows everything that is not denied; otherwise a
 * name must match an allow prefix. Members are checked as {@code owner.member} (a member matches
 * the prefixes of its class too); arrays are checked as their element class; primitive types are
 * always allowed.
 */
public final class PackageAccessPolicy implements AccessPolicy {

    /** A dotted name, optionally ending with {@code .<init>} for constructors. */
    private static final Pattern PREFIX =
            Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*([.][\\p{L}_$][\\p{L}\\p{N}_$]*)*([.]<init>)?");

    private final List<String> allowed;
    private final List<String> denied;

    private PackageAccessPolicy(List<String> allowed, List<String> denied) {
        this.allowed = List.copyOf(allowed);
        this.denied = List.copyOf(denied);
    }

    /**
     * A policy from two prefix lists.
     *
     * @throws IllegalArgumentException if a prefix is blank or not a dotted name
     */
    public static PackageAccessPolicy of(List<String> allowPrefixes, List<String> denyPrefixes) {
        return builder().allow(allowPrefixes.toArray(String[]::new)).deny(denyPrefixes.toArray(String[]::new)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The allow prefixes; empty means "everything not denied". */
    public List<String> allowed() {
        return allowed;
    }

    /** The deny prefixes. */
    public List<String> denied() {
        return denied;
    }

    @Override
    public void checkClass(Class<?> type) {
        Class<?> element = elementClass(type);
        if (!element.isPrimitive()) {
            check(element.getName());
        }
    }

    @Override
    public void checkMember(Class<?> owner, String member) {
        Class<?> element = elementClass(owner);
        if (element.isPrimitive()) {
            return;
        }
        int paren = member.indexOf('(');
        check(element.getName() + "." + (paren >= 0 ? member.substring(0, paren) : member));
    }

    private void check(String name) {
        for (String prefix : denied) {
            if (matches(name, prefix)) {
                throw new AccessDeniedException(name, "denied by '" + prefix + "'");
            }
        }
        if (allowed.isEmpty()) {
            return;
        }
        for (String prefix : allowed) {
            if (matches(name, prefix)) {
                return;
            }
        }
        throw new AccessDeniedException(name, "not in the allowed packages");
    }

    static boolean matches(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        if (name.length() == prefix.length()) {
            return true;
        }
        char next = name.charAt(prefix.length());
        return next == '.' || next == '$';
    }

    private static Class<?> elementClass(Class<?> type) {
        Class<?> c = Objects.requireNonNull(type, "type");
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c;
    }

    @Override
    public String toString() {
        return "PackageAccessPolicy[allow=" + allowed + ", deny=" + denied + "]";
    }

    /** Collects prefixes; {@link #build()} validates them. */
    public static final class Builder {
        private final List<String> allowed = new ArrayList<>();
        private final List<String> denied = new ArrayList<>();

        private Builder() {
        }

        /** Adds prefixes that are allowed (when none are added, everything not denied is allowed). */
        public Builder allow(String... prefixes) {
            allowed.addAll(Arrays.asList(prefixes));
            return this;
        }

        /** Adds prefixes that are denied, whatever the allow list says. */
        public Builder deny(String... prefixes) {
            denied.addAll(Arrays.asList(prefixes));
            return this;
        }

        /** @throws IllegalArgumentException naming the first prefix that is not a dotted name */
        public PackageAccessPolicy build() {
            validate(allowed, "allow");
            validate(denied, "deny");
            return new PackageAccessPolicy(allowed, denied);
        }

        private static void validate(List<String> prefixes, String list) {
            for (String p : prefixes) {
                if (p == null || !PREFIX.matcher(p).matches()) {
                    throw new IllegalArgumentException("the " + list + " prefix " + (p == null ? "null" : "'" + p + "'")
                            + " is not a package, class or member name (write it like java.util or java.lang.System.exit)");
                }
            }
        }
    }
}

package org.pyacq.rpc.invoke;

/**
 * Decides which classes and members remote callers may reach. The {@link Invoker} asks it on every
 * import, every attribute walk step (the target's class and the member name), every constructor
 * call (member {@code <init>}) and every static member access; a refusal is an
 * {@link AccessDeniedException}.
 *
 * <pre>{@code
 * AccessPolicy policy = PackageAccessPolicy.builder().allow("java.util", "com.example").deny("java.lang.Runtime").build();
 * Invoker invoker = new Invoker(InvokerOptions.builder().accessPolicy(policy).build());
 * }</pre>
 */
public interface AccessPolicy {

    /** Allows everything; the default. */
    AccessPolicy ALLOW_ALL = new AccessPolicy() {
        @Override
        public void checkClass(Class<?> type) {
            // everything is allowed
        }

        @Override
        public String toString() {
            return "AccessPolicy.ALLOW_ALL";
        }
    };

    /**
     * Returns normally if remote callers may use {@code type} (import it, walk attributes of its
     * instances, call its constructors and static members).
     *
     * @throws AccessDeniedException naming the class
     */
    void checkClass(Class<?> type);

    /**
     * Returns normally if remote callers may use member {@code member} (a field, method, nested class
     * or special name; {@code <init>} for constructors) of {@code owner}. By default, checks the class.
     *
     * @throws AccessDeniedException naming the member
     */
    default void checkMember(Class<?> owner, String member) {
        checkClass(owner);
    }
}

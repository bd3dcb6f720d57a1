package org.pyacq.rpc.invoke;

import java.util.Arrays;

/** Cache key of a {@link CallPlan}: the candidates (by identity) and the classes of the arguments. */
final class CallKey {

    private final Overloads overloads;
    private final Class<?>[] classes;
    private final boolean[] remote;
    private final int hash;

    CallKey(Overloads overloads, Class<?>[] classes, boolean[] remote) {
        this.overloads = overloads;
        this.classes = classes;
        this.remote = remote;
        this.hash = 31 * (31 * System.identityHashCode(overloads) + Arrays.hashCode(classes)) + Arrays.hashCode(remote);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallKey k && k.overloads == overloads && k.hash == hash
                && Arrays.equals(k.classes, classes) && Arrays.equals(k.remote, remote);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

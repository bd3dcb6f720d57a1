package org.pyacq.rpc;

import java.nio.file.Path;
import org.pyacq.transport.TransportSecurity;

/**
 * Moved to {@link org.pyacq.transport.DefaultSecurity} (the log layer needs it too, and it is about
 * sockets). Kept for code that still names it here; it forwards.
 *
 * @deprecated use {@link org.pyacq.transport.DefaultSecurity}
 */
@Deprecated(forRemoval = true)
public final class DefaultSecurity {
    private DefaultSecurity() {
    }

    /** @see org.pyacq.transport.DefaultSecurity#get() */
    public static TransportSecurity get() {
        return org.pyacq.transport.DefaultSecurity.get();
    }

    /** @see org.pyacq.transport.DefaultSecurity#set(TransportSecurity) */
    public static void set(TransportSecurity value) {
        org.pyacq.transport.DefaultSecurity.set(value);
    }

    /** @see org.pyacq.transport.DefaultSecurity#useInsecure(boolean) */
    public static void useInsecure(boolean allowRemote) {
        org.pyacq.transport.DefaultSecurity.useInsecure(allowRemote);
    }

    /** @see org.pyacq.transport.DefaultSecurity#useKeyDirectory(Path) */
    public static void useKeyDirectory(Path keyDirectory) {
        org.pyacq.transport.DefaultSecurity.useKeyDirectory(keyDirectory);
    }

    /** @see org.pyacq.transport.DefaultSecurity#peek() */
    public static TransportSecurity peek() {
        return org.pyacq.transport.DefaultSecurity.peek();
    }

    /** @see org.pyacq.transport.DefaultSecurity#restore(TransportSecurity) */
    public static void restore(TransportSecurity value) {
        org.pyacq.transport.DefaultSecurity.restore(value);
    }

    /** @see org.pyacq.transport.DefaultSecurity#isInsecure() */
    public static boolean isInsecure() {
        return org.pyacq.transport.DefaultSecurity.isInsecure();
    }
}

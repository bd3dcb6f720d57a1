package org.pyacq.rpc;

/**
 * Moved to {@link org.pyacq.transport.ProcessIdentity} (the log layer needs it and sits below rpc's
 * users but not below rpc). Kept for code that still names it here; it forwards.
 *
 * @deprecated use {@link org.pyacq.transport.ProcessIdentity}
 */
@Deprecated(forRemoval = true)
public final class ProcessIdentity {
    private ProcessIdentity() {
    }

    /** @see org.pyacq.transport.ProcessIdentity#processName() */
    public static String processName() {
        return org.pyacq.transport.ProcessIdentity.processName();
    }

    /** @see org.pyacq.transport.ProcessIdentity#setProcessName(String) */
    public static void setProcessName(String name) {
        org.pyacq.transport.ProcessIdentity.setProcessName(name);
    }

    /** @see org.pyacq.transport.ProcessIdentity#hostName() */
    public static String hostName() {
        return org.pyacq.transport.ProcessIdentity.hostName();
    }

    /** @see org.pyacq.transport.ProcessIdentity#threadName() */
    public static String threadName() {
        return org.pyacq.transport.ProcessIdentity.threadName();
    }
}

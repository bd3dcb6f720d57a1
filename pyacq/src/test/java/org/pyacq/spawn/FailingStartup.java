package org.pyacq.spawn;

/** A startup class whose static initializer throws, as a broken plugin would. */
public final class FailingStartup {
    static {
        if (Boolean.parseBoolean("true")) {
            throw new IllegalStateException("static init failed on purpose");
        }
    }

    private FailingStartup() {
    }
}

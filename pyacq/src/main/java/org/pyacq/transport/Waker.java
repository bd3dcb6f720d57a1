package org.pyacq.transport;

/** Something a thread waits on that other threads can wake up. */
public interface Waker {
    /** Makes the current or next wait return at once. Safe from any thread. */
    void wakeup();
}

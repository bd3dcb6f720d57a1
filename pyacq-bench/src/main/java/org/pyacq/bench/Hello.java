package org.pyacq.bench;

/** The bare JVM that start-up times are compared against: prints one line and exits. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}

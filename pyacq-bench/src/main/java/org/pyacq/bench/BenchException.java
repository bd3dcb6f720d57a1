package org.pyacq.bench;

/** A benchmark run could not complete: the server JVM failed, a reply was wrong or did not come. */
public class BenchException extends RuntimeException {
    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}

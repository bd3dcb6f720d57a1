package org.pyacq.transport;

import java.nio.file.Path;

/**
 * The same-host path to a server could not be used: nothing listens at its socket file, the
 * server there is another one, or it refused this process. Callers fall back to ZeroMQ unless the
 * local path was forced.
 */
public class LocalPathException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final String address;
    private final transient Path socketFile;

    public LocalPathException(String address, Path socketFile, String reason) {
        this(address, socketFile, reason, null);
    }

    public LocalPathException(String address, Path socketFile, String reason, Throwable cause) {
        super("the local path to " + address + " (" + socketFile + ") cannot be used: " + reason, cause);
        this.address = address;
        this.socketFile = socketFile;
    }

    /** The server's ZeroMQ address. */
    public String address() {
        return address;
    }

    /** The socket file that was tried. */
    public Path socketFile() {
        return socketFile;
    }
}

package org.pyacq.spawn;

import org.pyacq.rpc.RpcException;

/** A child process could not be started; the message carries the child's own error text. */
public class SpawnException extends RpcException {
    private static final long serialVersionUID = 1L;
    private final String processName;

    public SpawnException(String processName, String message) {
        super(message);
        this.processName = processName;
    }

    public SpawnException(String processName, String message, Throwable cause) {
        super(message, cause);
        this.processName = processName;
    }

    public String processName() {
        return processName;
    }
}

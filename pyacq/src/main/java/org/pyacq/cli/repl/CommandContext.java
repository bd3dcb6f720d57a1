package org.pyacq.cli.repl;

/**
 * What a {@code :command} works with: the session and the wait of the input that runs it (so
 * Ctrl-C stops a slow {@code :spawn}). Made fresh for every command line.
 */
final class CommandContext {
    private final ReplSession session;
    private final CancellableWait wait;
    private final int rawArgumentOffset;
    private volatile boolean quitRequested;

    /**
     * @param rawArgumentOffset where the command's unsplit argument starts in the input line
     *     (for carets under expressions given to {@code :inspect})
     */
    CommandContext(ReplSession session, CancellableWait wait, int rawArgumentOffset) {
        this.session = session;
        this.wait = wait;
        this.rawArgumentOffset = rawArgumentOffset;
    }

    ReplSession session() {
        return session;
    }

    CancellableWait waits() {
        return wait;
    }

    int rawArgumentOffset() {
        return rawArgumentOffset;
    }

    void requestQuit() {
        quitRequested = true;
    }

    boolean quitRequested() {
        return quitRequested;
    }
}

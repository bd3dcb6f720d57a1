package org.pyacq.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pyacq.cli.present.SpawnOptions;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;

/**
 * Calls on the daemon's control object, with the daemon's refusals turned into command failures:
 * an unknown process is exit 3 (as is a process that is not running, where its address is
 * needed), anything else the daemon refuses (a failed start, a name in use) is exit 4, with the
 * daemon's message, all its lines (a child's own start-up error included).
 */
final class DaemonCalls {
    /** How much longer than the call itself the command line waits for the daemon's answer. */
    private static final Duration CALL_MARGIN = Duration.ofSeconds(5);
    private final DaemonSession session;

    DaemonCalls(DaemonSession session) {
        this.session = session;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> spawn(Map<String, Object> spec, Duration answerTimeout) {
        return (Map<String, Object>) invoke(atLeast(answerTimeout), false, "spawn", spec);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> ps() {
        return (List<Map<String, Object>>) invoke(session.timeout(), false, "ps");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> stop(String name) {
        return (Map<String, Object>) invoke(session.timeout(), false, "stop", name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> kill(String name) {
        return (Map<String, Object>) invoke(session.timeout(), false, "kill", name);
    }

    /** Restarting stops the process, then waits for it to start again (30 s start-up by default). */
    @SuppressWarnings("unchecked")
    Map<String, Object> restart(String name) {
        Duration wait = atLeast(Duration.ofSeconds(30).plus(SpawnOptions.START_MARGIN));
        return (Map<String, Object>) invoke(wait, false, "restart", name);
    }

    /** The RPC address of a running process. */
    String address(String name) {
        return (String) invoke(session.timeout(), true, "address", name);
    }

    /**
     * A call into a process made by the daemon ({@code DaemonControl.call}): the answer map, with
     * {@code value}, {@code object} or {@code error}. A bad PATH is a usage error (exit 2).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(Map<String, Object> request, Duration callTimeout) {
        try {
            return (Map<String, Object>) session.control().withTimeout(callTimeout.plus(CALL_MARGIN))
                    .invoke("call", request);
        } catch (RemoteCallException e) {
            if ("IllegalArgumentException".equals(e.remoteType())) {
                throw new CommandException(CliExitCodes.USAGE, RemoteErrorText.message(e), e);
            }
            throw refused(e, true);
        }
    }

    /** Drops what process {@code name} published under {@code published}; false if nothing was. */
    boolean forget(String name, String published) {
        return Boolean.TRUE.equals(invoke(session.timeout(), true, "forget", name, published));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> logs(Map<String, Object> query) {
        return (List<Map<String, Object>>) invoke(session.timeout(), false, "logs", query);
    }

    private Duration atLeast(Duration d) {
        return d.compareTo(session.timeout()) > 0 ? d : session.timeout();
    }

    private Object invoke(Duration timeout, boolean lookup, String method, Object... args) {
        ObjectProxy control = session.control().withTimeout(timeout);
        try {
            return control.invoke(method, args);
        } catch (RemoteCallException e) {
            throw refused(e, lookup);
        }
    }

    private static CommandException refused(RemoteCallException e, boolean lookup) {
        String type = e.remoteType();
        boolean unreachable = "NoSuchElementException".equals(type) || lookup && "IllegalStateException".equals(type);
        return new CommandException(unreachable ? CliExitCodes.UNREACHABLE : CliExitCodes.FAILURE,
                RemoteErrorText.message(e), e);
    }
}

package org.pyacq.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The fields of a received log record that this side uses, with defaults filled in. */
record ReceivedRecord(String name, String msg, int levelno, Instant created, String threadName,
        String processName, String hostName, Long pid, String excText, String pathname, String module,
        String funcName, int lineno, int hops) {

    /** A logback event for this record; see {@link PyacqMdc} for where the origin goes. */
    LoggingEvent toEvent(LoggerContext context) {
        LoggingEvent e = new LoggingEvent();
        if (context != null) {
            e.setLoggerContext(context);
            e.setLoggerContextRemoteView(context.getLoggerContextRemoteView());
        }
        e.setLoggerName(name);
        e.setLevel(PythonLevels.toLogback(levelno));
        e.setMessage(msg);
        e.setThreadName(threadName);
        e.setInstant(created);
        Map<String, String> mdc = new HashMap<>(8);
        mdc.put(PyacqMdc.HOST, hostName);
        mdc.put(PyacqMdc.PROCESS, processName);
        mdc.put(PyacqMdc.LEVELNO, Integer.toString(levelno));
        mdc.put(PyacqMdc.HOPS, Integer.toString(hops + 1));
        if (pid != null) {
            mdc.put(PyacqMdc.PID, Long.toString(pid));
        }
        if (excText != null) {
            mdc.put(PyacqMdc.EXC_TEXT, excText);
            e.setThrowableProxy(new ThrowableProxy(new RemoteTraceback(excText)));
        }
        e.setMDCPropertyMap(mdc);
        // Always set caller data: left unset, logback would compute it from this thread's stack.
        e.setCallerData(callerData());
        return e;
    }

    private StackTraceElement[] callerData() {
        boolean knownFunction = funcName != null && !funcName.startsWith("(unknown");
        if (lineno <= 0 && !knownFunction) {
            return CallerData.EMPTY_CALLER_DATA_ARRAY;
        }
        String file = pathname == null ? null : pathname.substring(Math.max(pathname.lastIndexOf('/'),
                pathname.lastIndexOf('\\')) + 1);
        return new StackTraceElement[] {new StackTraceElement(declaringClass(),
                knownFunction ? funcName : "?", file, lineno)};
    }

    /** Java senders put the source path in {@code pathname}; Python ones a module name in {@code module}. */
    private String declaringClass() {
        if (pathname != null && pathname.endsWith(".java") && !pathname.startsWith("/")) {
            return pathname.substring(0, pathname.length() - 5).replace('/', '.');
        }
        return module == null || module.isEmpty() ? "?" : module;
    }
}

package org.pyacq.spawn;

/** Explains process exit codes in messages (a shell's convention: 128 + N is death by signal N). */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Text to append after an exit code, e.g. " (killed by SIGKILL)". */
    static String meaning(int code) {
        String signal = signal(code);
        return signal == null ? "" : " (killed by " + signal + ")";
    }

    /** What happened, as a phrase: "killed by SIGKILL (signal 9)" or "exited with code 3". */
    public static String describe(int code) {
        String signal = signal(code);
        return signal == null ? "exited with code " + code : "killed by " + signal + " (signal " + (code - 128) + ")";
    }

    /** The name of the signal that ended a process with {@code code} (SIGKILL...), or null if none did. */
    public static String signal(int code) {
        if (code > 128 && code < 128 + 32) {
            return signalName(code - 128);
        }
        return null;
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 1: return "SIGHUP";
            case 2: return "SIGINT";
            case 3: return "SIGQUIT";
            case 6: return "SIGABRT";
            case 9: return "SIGKILL";
            case 11: return "SIGSEGV";
            case 15: return "SIGTERM";
            default: return "signal " + signal;
        }
    }
}

package org.pyacq.spawn;

/** Explains process exit codes in messages. */
final class ExitCodes {
    private ExitCodes() {
    }

    /** Text to append after an exit code, e.g. " (killed by SIGKILL)". */
    static String meaning(int code) {
        if (code > 128 && code < 128 + 32) {
            int signal = code - 128;
            return " (killed by " + signalName(signal) + ")";
        }
        return "";
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

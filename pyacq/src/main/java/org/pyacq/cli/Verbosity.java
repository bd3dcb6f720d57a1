package org.pyacq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import org.slf4j.LoggerFactory;

/** The {@code -v} option: debug logging on stderr, and the stack trace with an error. */
public final class Verbosity {
    private boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug messages on stderr, and print the stack trace of an error.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.DEBUG);
        }
    }

    public boolean verbose() {
        return verbose;
    }

    /** Whether {@code -v} was given to the command line {@code cl} belongs to. */
    static boolean isVerbose(CommandLine cl) {
        CommandSpec root = cl.getCommandSpec().root();
        for (CommandSpec mixin : root.mixins().values()) {
            if (mixin.userObject() instanceof Verbosity v) {
                return v.verbose();
            }
        }
        return false;
    }
}

package org.pyacq.cli.repl;

import java.util.Locale;
import picocli.CommandLine;

/** The texts of {@code :help} and {@code help()}. */
final class HelpText {
    private HelpText() {
    }

    static String general() {
        StringBuilder sb = new StringBuilder();
        sb.append("Expressions run in the daemon's processes:\n")
                .append("  w = spawn(\"w1\")            start a process (or process(\"w1\") for a running one)\n")
                .append("  AL = w.java.util.ArrayList  a class of that process\n")
                .append("  l = AL()                    construct; l.add(5), l.size(), l[0] call it remotely\n")
                .append("  f = async l.size()          call without waiting; await f gives the result\n")
                .append("  s = connect(\"tcp://h:5000\") any RPC server (a Python one: start with --insecure)\n")
                .append("Builtins: spawn(name[, settings]) process(name) connect(address) ps() len(x) value(x) help()\n")
                .append("Commands:\n");
        for (Object command : ReplCommands.newCommands(null)) {
            CommandLine cl = new CommandLine(command);
            String[] description = cl.getCommandSpec().usageMessage().description();
            sb.append(String.format(Locale.ROOT, "  %-10s %s%n", cl.getCommandName(),
                    description.length > 0 ? description[0] : ""));
        }
        sb.append("More: :help language, :help keys, :help COMMAND\n");
        return sb.toString();
    }

    static String language() {
        return """
                Statements:   x = expr   |   obj.field = expr   |   list[i] = expr   |   expr (its value is printed)
                Literals:     42  -7  0x1f  3.5  1e-3  "text"  'text'  true  false  null  [1, 2]  {"k": 1}
                              escapes in strings: \\n \\t \\r \\b \\f \\0 \\\\ \\" \\' \\uXXXX
                Access:       a.b (attribute)  f(x, y) (call)  x[0] (item); these bind tightest, left to right
                Async:        async f(x) runs the call without waiting and gives a future; await fut waits for it
                Processes:    w.java.util.ArrayList imports in process w; w.self is its server object;
                              w.published("name") an object it published
                Proxies:      attributes of remote objects are looked up when called, indexed or printed
                Comments:     # to the end of the line. An open bracket or string continues on the next line.
                """;
    }

    static String keys() {
        return """
                Tab        complete commands, options, variables, process names, packages, classes and members
                Ctrl-C     cancel the running call (the REPL goes on), or clear the line being typed
                Ctrl-D     leave the REPL (on an empty line)
                Up/Down    history, kept in $XDG_STATE_HOME/pyacq/repl_history (~/.local/state/pyacq/repl_history)
                """;
    }
}

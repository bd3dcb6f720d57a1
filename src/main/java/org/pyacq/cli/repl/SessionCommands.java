package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.wire.ReturnType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code :inspect}, {@code :trace}, {@code :vars}, {@code :help}, {@code :quit}: the session itself. */
final class SessionCommands {
    private SessionCommands() {
    }

    @Command(name = ":inspect", description = "Describe a remote object: type, fields, methods with signatures.")
    static final class Inspect implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "EXPR", description = "an expression, e.g. l or w.java.util.ArrayList")
        String expression;

        Inspect(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Node node;
            try {
                node = StatementParser.parseExpression(expression);
            } catch (ReplSyntaxException e) {
                throw new ReplSyntaxException(e.getMessage(), e.position() + ctx.rawArgumentOffset());
            }
            ReplSession session = ctx.session();
            Object value = new Evaluator(session, ctx.waits()).evalValue(node);
            PrintWriter out = spec.commandLine().getOut();
            if (value instanceof ObjectProxy p) {
                // the description is a plain map: ask for it by value
                Object info = ctx.waits().awaitOwned(p.withTimeout(session.callTimeout())
                        .withReturnType(ReturnType.VALUE).attr("__inspect__").callAsync());
                out.print(InspectFormatter.format((Map<?, ?>) info));
            } else {
                out.println(expression + " is " + Evaluator.describe(value) + ": " + session.formatter().format(value));
            }
            return 0;
        }
    }

    @Command(name = ":trace", description = "Show the full remote trace of the last remote error.")
    static final class Trace implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;

        Trace(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            RemoteCallException e = ctx.session().lastRemoteError();
            spec.commandLine().getOut().println(e == null ? "no remote error so far" : e.remoteTrace());
            return 0;
        }
    }

    @Command(name = ":vars", description = "List the variables and their values.")
    static final class Vars implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;

        Vars(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            SortedMap<String, Object> vars = ctx.session().variables();
            PrintWriter out = spec.commandLine().getOut();
            if (vars.isEmpty()) {
                out.println("no variables (assign one with: x = ...)");
            }
            ValuePrinter f = ctx.session().formatter();
            vars.forEach((name, value) -> out.println(name + " = " + f.format(value)));
            return 0;
        }
    }

    @Command(name = ":help", description = "Show help: the language, the keys, or one command (:help spawn).")
    static final class Help implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC",
                description = "a command (spawn, ps ...), language or keys")
        String topic;

        Help(CommandContext ctx) {
            // help needs no session
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (topic == null) {
                out.print(HelpText.general());
                return 0;
            }
            String t = topic.startsWith(":") ? topic.substring(1) : topic;
            if (t.equals("language") || t.equals("syntax")) {
                out.print(HelpText.language());
                return 0;
            }
            if (t.equals("keys")) {
                out.print(HelpText.keys());
                return 0;
            }
            for (Object command : ReplCommands.newCommands(null)) {
                CommandLine cl = new CommandLine(command);
                if (cl.getCommandName().equals(":" + t) || java.util.Arrays.asList(cl.getCommandSpec().aliases())
                        .contains(":" + t)) {
                    out.print(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
                    return 0;
                }
            }
            throw new ReplException("no help on '" + topic + "'; topics are: language, keys, and the commands ("
                    + String.join(" ", ReplCommands.names()) + ")");
        }
    }

    @Command(name = ":quit", aliases = ":exit", description = "Leave the REPL (Ctrl-D does too).")
    static final class Quit implements Callable<Integer> {
        private final CommandContext ctx;

        Quit(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ctx.requestQuit();
            return 0;
        }
    }
}

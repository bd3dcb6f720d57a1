package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pyacq.cli.present.LogLineFormat;
import org.pyacq.cli.present.OptionConverters;
import org.pyacq.cli.present.ProcessChange;
import org.pyacq.cli.present.ProcessTable;
import org.pyacq.cli.present.SpawnOptions;
import org.pyacq.rpc.ObjectProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code :spawn}, {@code :ps}, {@code :stop}, {@code :kill}, {@code :logs}: the daemon's processes. */
final class ProcessCommands {
    private ProcessCommands() {
    }

    /** Calls the daemon's control object asynchronously and waits (Ctrl-C stops the wait). */
    private static Object control(CommandContext ctx, String method, Object... args) {
        return control(ctx, ctx.session().callTimeout(), method, args);
    }

    private static Object control(CommandContext ctx, Duration timeout, String method, Object... args) {
        ObjectProxy control = ctx.session().control().withTimeout(timeout);
        return ctx.waits().awaitOwned(control.invokeAsync(method, args));
    }

    @Command(name = ":spawn", description = "Start a child process under the daemon.")
    static final class Spawn implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "The process's name, unique in the daemon.")
        String name;
        @Mixin
        SpawnOptions options;
        @Option(names = "--as", paramLabel = "VARIABLE", description = "Also keep the process in this variable.")
        String variable;

        Spawn(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Duration wait = Collections.max(List.of(ctx.session().callTimeout(), options.answerTimeout()));
            Map<?, ?> d = (Map<?, ?>) control(ctx, wait, ProcessChange.STARTED.method(), options.spec(name));
            if (variable != null) {
                ctx.session().setVariable(variable, ctx.session().attach(name, String.valueOf(d.get("address"))));
            } else if (d.get("address") != null) {
                ctx.session().learnProcesses(List.of(d));
            }
            spec.commandLine().getOut().println(ProcessChange.STARTED.line(name, d));
            return 0;
        }
    }

    @Command(name = ":ps", description = "List the daemon's processes.")
    static final class Ps implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;

        Ps(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Integer call() {
            List<?> children = (List<?>) control(ctx, "ps");
            ctx.session().learnProcesses(children);
            PrintWriter out = spec.commandLine().getOut();
            if (children.isEmpty()) {
                out.println("no processes (start one with :spawn NAME or spawn(\"NAME\"))");
                return 0;
            }
            ProcessTable.lines((List<? extends Map<?, ?>>) children).forEach(out::println);
            return 0;
        }
    }

    /** One action of the daemon's control object on one process, then the line that says what it did. */
    abstract static class ProcessAction implements Callable<Integer> {
        private final CommandContext ctx;
        private final ProcessChange change;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "The process's name (see :ps).")
        String name;

        ProcessAction(CommandContext ctx, ProcessChange change) {
            this.ctx = ctx;
            this.change = change;
        }

        @Override
        public Integer call() {
            Map<?, ?> after = (Map<?, ?>) control(ctx, change.method(), name);
            spec.commandLine().getOut().println(change.line(name, after));
            return 0;
        }
    }

    @Command(name = ":stop", description = "Stop a process gracefully.")
    static final class Stop extends ProcessAction {
        Stop(CommandContext ctx) {
            super(ctx, ProcessChange.STOPPED);
        }
    }

    @Command(name = ":kill", description = "Kill a process at once.")
    static final class Kill extends ProcessAction {
        Kill(CommandContext ctx) {
            super(ctx, ProcessChange.KILLED);
        }
    }

    @Command(name = ":logs", description = "Show recent log records (of every process, or of one).")
    static final class Logs implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this process")
        String name;
        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "20", converter = OptionConverters.Count.class,
                description = "How many recent records (default: ${DEFAULT-VALUE}).")
        int lines;
        @Option(names = "--level", paramLabel = "LEVEL", converter = OptionConverters.LogLevel.class,
                description = "Only records at this level or above: debug, info, warning, error, critical, or 0 to 50.")
        String level;

        Logs(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("limit", lines);
            if (name != null) {
                query.put("process", name);
            }
            if (level != null) {
                query.put("level", level);
            }
            List<?> records = (List<?>) control(ctx, "logs", query);
            PrintWriter out = spec.commandLine().getOut();
            if (records.isEmpty()) {
                out.println(name == null ? "no log records" : "no log records from " + name);
            }
            LogLineFormat format = new LogLineFormat(false);
            for (Object r : records) {
                out.println(format.format((Map<?, ?>) r));
            }
            return 0;
        }
    }
}

package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pyacq.rpc.ObjectProxy;
import picocli.CommandLine.Command;
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
        ReplSession session = ctx.session();
        ObjectProxy control = session.control().withTimeout(session.callTimeout());
        return ctx.waits().awaitOwned(control.invokeAsync(method, args));
    }

    /** {@code w1 running (pid 1234) at tcp://127.0.0.1:40001}. */
    static String describeChild(Map<?, ?> d) {
        StringBuilder sb = new StringBuilder().append(d.get("name")).append(' ').append(d.get("status"));
        if (d.get("pid") != null) {
            sb.append(" (pid ").append(d.get("pid")).append(')');
        }
        if (d.get("address") != null) {
            sb.append(" at ").append(d.get("address"));
        }
        if (d.get("error") != null) {
            sb.append(": ").append(d.get("error"));
        }
        return sb.toString();
    }

    @Command(name = ":spawn", description = "Start a child process under the daemon.")
    static final class Spawn implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "name of the process")
        String name;
        @Option(names = {"-J", "--jvm-option"}, paramLabel = "OPTION",
                description = "JVM option, e.g. -J=-Xmx256m (repeatable)")
        List<String> jvmOptions = new ArrayList<>();
        @Option(names = "--classpath", paramLabel = "PATH", description = "extra class path entry (repeatable)")
        List<String> classPath = new ArrayList<>();
        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "environment variable (repeatable)")
        Map<String, String> environment = new LinkedHashMap<>();
        @Option(names = "--restart", paramLabel = "POLICY", description = "no, on-failure or always")
        String restart;
        @Option(names = "--max-restarts", paramLabel = "N", description = "restarts in a row before giving up")
        Integer maxRestarts;
        @Option(names = "--log-level", paramLabel = "LEVEL", description = "debug, info, warning, error")
        String logLevel;
        @Option(names = "--startup-class", paramLabel = "CLASS", description = "class to initialize at start")
        String startupClass;
        @Option(names = "--startup-timeout", paramLabel = "SECONDS", description = "time allowed to start")
        Double startupTimeout;
        @Option(names = "--as", paramLabel = "VARIABLE", description = "also keep the process in this variable")
        String variable;

        Spawn(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            put(s, "jvm_options", jvmOptions.isEmpty() ? null : jvmOptions);
            put(s, "classpath", classPath.isEmpty() ? null : classPath);
            put(s, "env", environment.isEmpty() ? null : environment);
            put(s, "restart", restart);
            put(s, "max_restarts", maxRestarts);
            put(s, "log_level", logLevel);
            put(s, "startup_class", startupClass);
            put(s, "startup_timeout", startupTimeout);
            Map<?, ?> d = (Map<?, ?>) control(ctx, "spawn", s);
            if (variable != null) {
                ctx.session().setVariable(variable, ctx.session().attach(name, String.valueOf(d.get("address"))));
            } else if (d.get("address") != null) {
                ctx.session().learnProcesses(List.of(d));
            }
            spec.commandLine().getOut().println(describeChild(d));
            return 0;
        }

        private static void put(Map<String, Object> m, String key, Object value) {
            if (value != null) {
                m.put(key, value);
            }
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
        public Integer call() {
            List<?> children = (List<?>) control(ctx, "ps");
            ctx.session().learnProcesses(children);
            PrintWriter out = spec.commandLine().getOut();
            if (children.isEmpty()) {
                out.println("no processes (start one with :spawn NAME or spawn(\"NAME\"))");
                return 0;
            }
            ProcessTable.print(children, out);
            return 0;
        }
    }

    @Command(name = ":stop", description = "Stop a process gracefully.")
    static final class Stop implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "the process to stop")
        String name;

        Stop(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(describeChild((Map<?, ?>) control(ctx, "stop", name)));
            return 0;
        }
    }

    @Command(name = ":kill", description = "Kill a process at once.")
    static final class Kill implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "the process to kill")
        String name;

        Kill(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(describeChild((Map<?, ?>) control(ctx, "kill", name)));
            return 0;
        }
    }

    @Command(name = ":logs", description = "Show recent log records (of every process, or of one).")
    static final class Logs implements Callable<Integer> {
        private final CommandContext ctx;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "only this process")
        String name;
        @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "how many records (default 20)")
        int lines = 20;
        @Option(names = "--level", paramLabel = "LEVEL", description = "lowest level shown: debug, info, warning, error")
        String level;

        Logs(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (lines < 0) {
                throw new ReplException(":logs -n needs a count of 0 or more, got " + lines);
            }
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
            for (Object r : records) {
                out.println(LogRecordText.format((Map<?, ?>) r));
            }
            return 0;
        }
    }
}

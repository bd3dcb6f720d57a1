package org.pyacq.cli.repl;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The REPL's {@code :commands}, parsed with picocli. Every line gets a new {@link CommandLine}
 * over new command objects: picocli keeps option values in the objects it fills, so an object
 * reused between lines would carry options over (picocli issue #1531).
 *
 * <pre>{@code
 * Outcome o = ReplCommands.run(":spawn w1 -J -Xmx256m", context, out);
 * }</pre>
 */
final class ReplCommands {
    /** Commands whose argument is an expression: passed unsplit, quotes and all. */
    private static final List<String> RAW_ARGUMENT = List.of(":inspect");

    private ReplCommands() {
    }

    /** The root that the {@code :commands} hang from; it does nothing itself. */
    @Command(name = "repl")
    static final class Root implements Runnable {
        @Override
        public void run() {
            // only subcommands are run
        }
    }

    /**
     * A new command line with new command objects bound to {@code ctx}. With a null context the
     * result can describe and complete commands but not run them.
     */
    static CommandLine commandLine(CommandContext ctx) {
        CommandLine root = new CommandLine(new Root());
        for (Object command : newCommands(ctx)) {
            root.addSubcommand(command);
        }
        return root;
    }

    /** One new object of each command class, in the order {@code :help} lists them. */
    static List<Object> newCommands(CommandContext ctx) {
        List<Object> all = new ArrayList<>();
        all.add(new ProcessCommands.Spawn(ctx));
        all.add(new ProcessCommands.Ps(ctx));
        all.add(new ProcessCommands.Stop(ctx));
        all.add(new ProcessCommands.Kill(ctx));
        all.add(new ProcessCommands.Logs(ctx));
        all.add(new SessionCommands.Inspect(ctx));
        all.add(new SessionCommands.Trace(ctx));
        all.add(new SessionCommands.Vars(ctx));
        all.add(new SessionCommands.Help(ctx));
        all.add(new SessionCommands.Quit(ctx));
        return all;
    }

    /** The command names (with their colon), aliases included. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        commandLine(null).getSubcommands().forEach((name, sub) -> names.add(name));
        return names;
    }

    /**
     * Runs one command line (starting with {@code :}); its output goes to {@code out}.
     *
     * @throws RuntimeException what the command threw (the session reports it like any error)
     */
    static Outcome run(String line, ReplSession session, CancellableWait wait, StringWriter out) {
        String name = CommandWords.commandName(line);
        List<String> args = new ArrayList<>();
        if (RAW_ARGUMENT.contains(name)) {
            args.add(name);
            String rest = line.substring(CommandWords.restOffset(line)).strip();
            if (!rest.isEmpty()) {
                args.add("--");
                args.add(rest);
            }
        } else {
            args.addAll(CommandWords.split(line));
        }
        CommandContext ctx = new CommandContext(session, wait, CommandWords.restOffset(line));
        CommandLine cl = commandLine(ctx);
        if (!cl.getSubcommands().containsKey(name)) {
            String hint = name.equals(":") ? "" : Suggestions.hint(name, cl.getSubcommands().keySet());
            return Outcome.error("", "error: unknown command " + (name.equals(":") ? "':'" : name) + hint
                    + "; :help lists the commands");
        }
        PrintWriter pw = new PrintWriter(out, true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicReference<ParameterException> badInput = new AtomicReference<>();
        cl.setOut(pw);
        cl.setErr(pw);
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            failure.set(e);
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            badInput.set(e);
            return 2;
        });
        cl.execute(args.toArray(String[]::new));
        pw.flush();
        if (failure.get() != null) {
            Exception e = failure.get();
            throw e instanceof RuntimeException r ? r : new ReplException(ErrorFormatter.firstLine(e), e);
        }
        if (badInput.get() != null) {
            return Outcome.error(out.toString(), "error: " + ErrorFormatter.firstLine(badInput.get()) + " (see :help "
                    + name.substring(1) + ")");
        }
        return ctx.quitRequested() ? Outcome.quit(out.toString()) : Outcome.ok(out.toString());
    }
}

package org.pyacq.cli.repl;

import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ObjectProxy;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;

/**
 * The state of one REPL: variables, the processes it knows, import and completion caches, the last
 * remote error. Inputs run one at a time on an evaluation thread, so that the thread reading the
 * terminal stays free to cancel them.
 *
 * <pre>{@code
 * try (ReplSession repl = new ReplSession(daemonSession, ReplOptions.defaults())) {
 *     repl.run("w = spawn(\"w1\")");
 *     Outcome o = repl.run("w.java.lang.Math.max(2, 3)");   // o.output() is "3\n"
 * }
 * }</pre>
 *
 * The session does not close the {@link DaemonSession}, nor the shared clients of the processes.
 */
public final class ReplSession implements AutoCloseable {
    private final DaemonSession daemon;
    private final ReplOptions options;
    private final SortedMap<String, Object> variables = Collections.synchronizedSortedMap(new TreeMap<>());
    private final Map<String, String> processNames = new ConcurrentHashMap<>();
    private final Map<String, ProcessImports> imports = new ConcurrentHashMap<>();
    private final AtomicReference<Evaluation> running = new AtomicReference<>();
    private final ExecutorService evaluations = Executors.newCachedThreadPool(threads("pyacq-repl-eval"));
    private final ExecutorService io = Executors.newCachedThreadPool(threads("pyacq-repl-io"));
    private final ValuePrinter formatter;
    private final CompletionSource completion;
    private volatile RemoteCallException lastRemoteError;
    private volatile String homeProcessName;
    private volatile ProcessValue homeProcess;
    private volatile boolean unquotedResults;
    private volatile Consumer<Evaluation> submitted = e -> { };

    public ReplSession(DaemonSession daemon, ReplOptions options) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.options = Objects.requireNonNull(options, "options");
        this.formatter = new ValuePrinter(processNames::get, options.maxItems(), options.maxArrayItems(),
                new ReplValues());
        this.completion = new CompletionSource(this);
    }

    /**
     * Starts running one input (a statement, or a {@code :command}) and returns at once. A
     * previous input still running is cancelled first.
     */
    public Evaluation submit(String input) {
        Objects.requireNonNull(input, "input");
        Evaluation e = new Evaluation(new CancellableWait(io, null));
        Evaluation previous = running.getAndSet(e);
        if (previous != null) {
            previous.cancel();
        }
        submitted.accept(e);
        evaluations.execute(() -> execute(input, e));
        return e;
    }

    /** Tells {@code listener} of each input submitted from now on (tests use it to find a running input). */
    void onSubmit(Consumer<Evaluation> listener) {
        this.submitted = Objects.requireNonNull(listener, "listener");
    }

    /** Runs one input and waits for its outcome. */
    public Outcome run(String input) {
        return submit(input).await();
    }

    /** Cancels the input that is running, if any (what Ctrl-C does); true if there was one. Any thread. */
    public boolean cancelRunning() {
        Evaluation e = running.get();
        if (e == null || e.isDone()) {
            return false;
        }
        e.cancel();
        return true;
    }

    private void execute(String input, Evaluation evaluation) {
        StringWriter out = new StringWriter();
        String text = input.strip();
        boolean command = text.startsWith(":");
        String source = command ? text : input;
        try {
            if (command) {
                evaluation.finish(ReplCommands.run(text, this, evaluation.waits(), out));
                return;
            }
            Statement statement = StatementParser.parse(input);
            if (statement != null) {
                Object result = new Evaluator(this, evaluation.waits()).execute(statement);
                if (result != Evaluator.NO_RESULT && result != null) {
                    out.append(unquotedResults ? formatter.formatUnquoted(result) : formatter.format(result))
                            .append('\n');
                }
            }
            evaluation.finish(Outcome.ok(out.toString()));
        } catch (EvaluationCancelledException e) {
            evaluation.finish(Outcome.cancelled());
        } catch (RemoteCallException e) {
            evaluation.finish(Outcome.error(out.toString(), ErrorFormatter.describe(e, source)), () -> lastRemoteError = e);
        } catch (RuntimeException e) {
            evaluation.finish(Outcome.error(out.toString(), ErrorFormatter.describe(e, source)));
        } catch (StackOverflowError e) {
            evaluation.finish(Outcome.error(out.toString(), "error: the input is nested too deeply"));
        } finally {
            running.compareAndSet(evaluation, null);
        }
    }

    // ---- state used by the evaluator, the commands and completion --------------------------

    DaemonSession daemon() {
        return daemon;
    }

    ObjectProxy control() {
        return daemon.control();
    }

    ReplOptions options() {
        return options;
    }

    Duration callTimeout() {
        return options.callTimeout();
    }

    ValuePrinter formatter() {
        return formatter;
    }

    CompletionSource completion() {
        return completion;
    }

    ExecutorService ioPool() {
        return io;
    }

    /** A wait no Ctrl-C reaches, for work that outlives its input ({@code async spawn(...)}). */
    CancellableWait detachedWait() {
        return new CancellableWait(io, null);
    }

    Object variable(String name) {
        return variables.get(name);
    }

    boolean hasVariable(String name) {
        return variables.containsKey(name);
    }

    void setVariable(String name, Object value) {
        variables.put(name, value);
    }

    /** The variables, sorted by name (a copy). */
    SortedMap<String, Object> variables() {
        synchronized (variables) {
            return new TreeMap<>(variables);
        }
    }

    List<String> variableNames() {
        synchronized (variables) {
            return new ArrayList<>(variables.keySet());
        }
    }

    /** A process value for a running child, remembering its name for printing proxies. */
    ProcessValue attach(String name, String address) {
        processNames.put(address, name);
        return new ProcessValue(name, address, RpcClient.connect(address));
    }

    /** Learns process names from a {@code ps} result. */
    void learnProcesses(List<?> children) {
        for (Object c : children) {
            if (c instanceof Map<?, ?> m && m.get("name") != null && m.get("address") != null) {
                processNames.put(String.valueOf(m.get("address")), String.valueOf(m.get("name")));
            }
        }
    }

    ProcessImports importsOf(ProcessValue p) {
        return imports.computeIfAbsent(p.address(), a -> new ProcessImports(p));
    }

    RemoteCallException lastRemoteError() {
        return lastRemoteError;
    }

    /**
     * Makes names that are not variables resolve in process {@code name} (as {@code pyacq eval}
     * does): {@code java.lang.System} imports there, {@code self} is its server object.
     */
    void useHomeProcess(String name) {
        this.homeProcessName = Objects.requireNonNull(name, "name");
    }

    /** Prints a string result without quotes ({@code pyacq eval}). */
    void printStringsUnquoted() {
        this.unquotedResults = true;
    }

    /** The process of {@link #useHomeProcess}, looked up on first use; null when there is none. */
    ProcessValue homeProcess(CancellableWait wait) {
        String name = homeProcessName;
        if (name == null) {
            return null;
        }
        ProcessValue p = homeProcess;
        if (p == null) {
            Object address = wait.awaitOwned(control().invokeAsync("address", name));
            p = attach(name, String.valueOf(address));
            homeProcess = p;
        }
        return p;
    }

    /** Stops the session's threads (without interrupting any). Variables and proxies are dropped. */
    @Override
    public void close() {
        cancelRunning();
        evaluations.shutdown();
        io.shutdown();
        variables.clear();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

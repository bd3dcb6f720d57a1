package org.pyacq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pyacq.transport.AuthorizedKeys;
import org.pyacq.transport.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pyacq context add|ls|rm|use|show}: the named daemons of other hosts. */
@Command(name = "context", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Name the daemons of other hosts, and choose which one commands talk to.",
        description = {
            "A context names a daemon on another host by its control address and public key, so that every "
                    + "command can reach it with --context NAME (or PYACQ_CONTEXT=NAME, or after 'pyacq context use "
                    + "NAME'). 'local' is this host's daemon, found through the runtime directory.",
            "",
            "  add NAME ENDPOINT --server-key KEY   remember a daemon (KEY: its 'pyacq key show', or a file with it)",
            "  ls                                  list the contexts; * marks the one in use",
            "  rm NAME                             forget a context",
            "  use NAME                            use NAME from now on ('use local' goes back to this host)",
            "  show [NAME]                         print a context (default: the one in use)",
            "",
            "The daemon must listen on an address this host can reach (pyacqd --address tcp://0.0.0.0:7600), and "
                    + "accept this user's key: put the output of 'pyacq key show' from here into its authorized keys "
                    + "('pyacq key authorize' there). Contexts are kept in $PYACQ_CONTEXTS_FILE, else "
                    + "~/.config/pyacq/contexts.json.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq context add lab2 tcp://lab2:7600 --server-key 'rq:rM>}U?@Lns47E1%%kR.o@n%%FcmmsL/@{H8]yf7'",
            "  pyacq context add lab2 tcp://lab2:7600 --server-key lab2.key",
            "  pyacq --context lab2 ps",
            "  pyacq context use lab2 && pyacq spawn w1",
            "  PYACQ_CONTEXT=lab2 pyacq logs -f"})
final class ContextCommand implements Callable<Integer> {
    private static final List<String> ACTIONS = List.of("add", "ls", "list", "rm", "remove", "use", "show");

    @Spec
    private CommandSpec spec;
    @ParentCommand
    private PyacqCommand root;

    @Parameters(index = "0", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "add, ls, rm, use or show.")
    private String action;

    @Parameters(index = "1..*", arity = "0..2", paramLabel = "ARG", description = "NAME, and for add the ENDPOINT.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "With add: a note shown by ls.")
    private String description;

    @Option(names = "--json", description = "With ls and show: print JSON.")
    private boolean json;

    @Override
    public Integer call() {
        Contexts contexts = Contexts.read(Contexts.defaultFile());
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "add" -> {
                expect(2, "add NAME ENDPOINT --server-key KEY");
                String serverKey = root.global().serverKey();   // the global option: --server-key KEY|FILE
                String name = Contexts.checkName(args.get(0));
                if (serverKey == null) {
                    throw usage("add needs the daemon's public key: --server-key KEY (run 'pyacq key show' on the "
                            + "daemon's host), or --server-key '' for a daemon run with --insecure");
                }
                Contexts.Context c;
                try {
                    c = new Contexts.Context(args.get(1), serverKey.isEmpty() ? null : readKey(serverKey), description);
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
                boolean replaced = contexts.all().containsKey(name);
                contexts.put(name, c);
                contexts.write();
                out.println((replaced ? "replaced" : "added") + " context " + name + ": " + c.address()
                        + (c.serverKey() != null ? " (server key " + KeyPair.fingerprint(c.serverKey()) + ")" : " (plain)"));
            }
            case "ls", "list" -> {
                expect(0, "ls");
                list(contexts, out);
            }
            case "rm", "remove" -> {
                expect(1, "rm NAME");
                if (!contexts.remove(args.get(0))) {
                    throw new CommandException(CliExitCodes.USAGE, "there is no context '" + args.get(0) + "'");
                }
                contexts.write();
                out.println("removed context " + args.get(0));
            }
            case "use" -> {
                expect(1, "use NAME");
                contexts.use(args.get(0));
                contexts.write();
                out.println("using context " + args.get(0) + (Contexts.LOCAL.equals(args.get(0)) ? " (this host's daemon)" : ""));
            }
            case "show" -> {
                if (args.size() > 1) {
                    throw usage("show takes at most one NAME");
                }
                String name = args.isEmpty() ? (contexts.current() == null ? Contexts.LOCAL : contexts.current()) : args.get(0);
                Contexts.Context c = contexts.get(name);
                Map<String, Object> m = describe(name, c, name.equals(contexts.current() == null ? Contexts.LOCAL : contexts.current()));
                if (json) {
                    out.println(JsonText.write(m));
                } else {
                    m.forEach((k, v) -> out.println(k + ": " + (v == null ? "-" : v)));
                }
            }
            default -> throw usage("unknown action '" + action + "'; use one of add, ls, rm, use, show");
        }
        return CliExitCodes.OK;
    }

    private void list(Contexts contexts, PrintWriter out) {
        String current = contexts.current() == null ? Contexts.LOCAL : contexts.current();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(describe(Contexts.LOCAL, null, current.equals(Contexts.LOCAL)));
        contexts.all().forEach((name, c) -> rows.add(describe(name, c, name.equals(current))));
        if (json) {
            out.println(JsonText.write(rows));
            return;
        }
        out.println(String.format(Locale.ROOT, "  %-16s %-32s %-18s %s", "NAME", "ENDPOINT", "SERVER KEY", "DESCRIPTION"));
        for (Map<String, Object> r : rows) {
            out.println(String.format(Locale.ROOT, "%s %-16s %-32s %-18s %s", Boolean.TRUE.equals(r.get("current")) ? "*" : " ",
                    r.get("name"), r.get("address") == null ? "(runtime directory)" : r.get("address"),
                    r.get("server_key_fingerprint") == null ? "-" : r.get("server_key_fingerprint"),
                    r.get("description") == null ? "" : r.get("description")));
        }
    }

    private static Map<String, Object> describe(String name, Contexts.Context c, boolean current) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("current", current);
        m.put("address", c == null ? null : c.address());
        m.put("server_key", c == null ? null : c.serverKey());
        m.put("server_key_fingerprint", c == null || c.serverKey() == null ? null : KeyPair.fingerprint(c.serverKey()));
        m.put("description", c == null ? (name.equals(Contexts.LOCAL) ? "this host's daemon" : null) : c.description());
        return m;
    }

    /** A key given as text, or as a file holding a public certificate or the bare key. */
    static String readKey(String keyOrFile) {
        if (keyOrFile.length() == 40 && !Files.isRegularFile(Path.of(keyOrFile))) {
            return KeyPair.checkPublicKey(keyOrFile);
        }
        Path file = Path.of(keyOrFile);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + keyOrFile + "' is neither a public key (40 characters of Z85) nor "
                    + "a file holding one");
        }
        try {
            return AuthorizedKeys.parse("key", Files.readString(file, StandardCharsets.US_ASCII)).publicKey();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private void expect(int count, String usage) {
        if (args.size() != count) {
            throw usage(action + " takes " + (count == 0 ? "no argument" : count + " argument" + (count == 1 ? "" : "s"))
                    + ": pyacq context " + usage);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The actions, for shell completion. */
    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ACTIONS.iterator();
        }
    }
}

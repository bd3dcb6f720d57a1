package org.pyacq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pyacq.transport.AuthorizedKeys;
import org.pyacq.transport.KeyFileException;
import org.pyacq.transport.KeyPair;
import org.pyacq.transport.UserKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pyacq key show|authorize|ls|revoke}: this user's public key and the keys its servers accept. */
@Command(name = "key", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Show this user's public key; authorize the keys of other hosts and users.",
        description = {
            "Every pyacq process of a user presents the user's key (the key file in the key directory) and accepts "
                    + "that key, plus the public keys in the directory 'authorized' beside it: one file NAME.key "
                    + "each, owner-only. Adding or removing a file there takes effect at the next connection, "
                    + "without a restart.",
            "",
            "  show [--host HOST...]                print this user's public key, as a file another host authorizes",
            "  authorize NAME KEY|FILE [--host H..] accept the key (text or file) under NAME; with --host, also",
            "                                       expect it from the servers on host H (for proxies across hosts)",
            "  ls                                   list the authorized keys",
            "  revoke NAME                          remove an authorized key",
            "",
            "Only public keys belong here: the secret key never leaves its host.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  lab2$ pyacq key show --host lab2 > lab2.key     # then copy lab2.key to this host",
            "  pyacq key authorize lab2 lab2.key",
            "  pyacq key authorize alice 'rq:rM>}U?@Lns47E1%%kR.o@n%%FcmmsL/@{H8]yf7'",
            "  pyacq key revoke alice"})
final class KeyCommand implements Callable<Integer> {
    private static final List<String> ACTIONS = List.of("show", "authorize", "ls", "list", "revoke");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", completionCandidates = Actions.class,
            description = "show, authorize, ls or revoke.")
    private String action;

    @Parameters(index = "1..*", arity = "0..2", paramLabel = "ARG", description = "NAME, and for authorize the KEY or FILE.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--host", paramLabel = "HOST",
            description = "With show and authorize: a host (name or address, as endpoints name it) whose servers "
                    + "present this key; repeatable.")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--json", description = "With ls: print JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Path keyDir = UserKeys.defaultDirectory();
        Path authorizedDir = AuthorizedKeys.directoryOf(keyDir);
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "show" -> {
                expect(0, "show [--host HOST...]");
                KeyPair mine = loadKeys(keyDir);
                out.print(AuthorizedKeys.format(mine.publicKey(), hosts, "public key of " + System.getProperty("user.name")
                        + " (fingerprint " + mine.fingerprint() + "); authorize it with 'pyacq key authorize NAME FILE'"));
            }
            case "authorize" -> {
                expect(2, "authorize NAME KEY|FILE [--host HOST...]");
                String name;
                AuthorizedKeys.Entry entry;
                try {
                    name = AuthorizedKeys.checkName(args.get(0));
                    entry = entryFrom(name, args.get(1));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                Path file = writeEntry(authorizedDir, entry);
                out.println("authorized key " + KeyPair.fingerprint(entry.publicKey()) + " as " + name + " (" + file + ")"
                        + (entry.hosts().isEmpty() ? "" : "; servers on " + String.join(", ", entry.hosts())
                                + " are expected to present it"));
            }
            case "ls", "list" -> {
                expect(0, "ls");
                list(AuthorizedKeys.in(authorizedDir), out);
            }
            case "revoke" -> {
                expect(1, "revoke NAME");
                Path file = authorizedDir.resolve(AuthorizedKeys.checkName(args.get(0)) + AuthorizedKeys.SUFFIX);
                if (!Files.deleteIfExists(file)) {
                    throw new CommandException(CliExitCodes.USAGE, "there is no authorized key '" + args.get(0) + "' in "
                            + authorizedDir + "; 'pyacq key ls' lists them");
                }
                out.println("revoked " + args.get(0) + "; new connections with its key are refused (open ones last "
                        + "until they close)");
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown action '" + action
                    + "'; use one of show, authorize, ls, revoke");
        }
        return CliExitCodes.OK;
    }

    private AuthorizedKeys.Entry entryFrom(String name, String keyOrFile) {
        String key = ContextCommand.readKey(keyOrFile);
        List<String> all = new ArrayList<>(hosts);
        if (all.isEmpty() && Files.isRegularFile(Path.of(keyOrFile), LinkOption.NOFOLLOW_LINKS)) {
            try {
                all.addAll(AuthorizedKeys.parse(name, Files.readString(Path.of(keyOrFile))).hosts());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + keyOrFile + ": " + e.getMessage(), e);
            }
        }
        return new AuthorizedKeys.Entry(name, key, all);
    }

    private static Path writeEntry(Path dir, AuthorizedKeys.Entry entry) {
        try {
            return AuthorizedKeys.write(dir, entry, "authorized by " + System.getProperty("user.name") + " as " + entry.name());
        } catch (KeyFileException e) {
            throw new CommandException(CliExitCodes.FAILURE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandException(CliExitCodes.FAILURE, "cannot write into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair loadKeys(Path keyDir) {
        try {
            return UserKeys.loadOrCreate(keyDir);
        } catch (KeyFileException e) {
            throw new CommandException(CliExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    private void list(AuthorizedKeys authorized, PrintWriter out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AuthorizedKeys.Entry e : authorized.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("fingerprint", KeyPair.fingerprint(e.publicKey()));
            m.put("public_key", e.publicKey());
            m.put("hosts", e.hosts());
            rows.add(m);
        }
        if (json) {
            out.println(JsonText.write(rows));
            return;
        }
        if (rows.isEmpty()) {
            out.println("no authorized keys in " + authorized.directory() + "; only this user's own key is accepted");
            return;
        }
        out.println(String.format(Locale.ROOT, "%-20s %-18s %s", "NAME", "FINGERPRINT", "HOSTS"));
        for (Map<String, Object> m : rows) {
            List<?> h = (List<?>) m.get("hosts");
            out.println(String.format(Locale.ROOT, "%-20s %-18s %s", m.get("name"), m.get("fingerprint"),
                    h.isEmpty() ? "-" : String.join(" ", h.stream().map(String::valueOf).toList())));
        }
    }

    private void expect(int count, String usage) {
        if (args.size() != count) {
            throw new ParameterException(spec.commandLine(), action + " takes " + (count == 0 ? "no argument"
                    : count + " argument" + (count == 1 ? "" : "s")) + ": pyacq key " + usage);
        }
    }

    /** The actions, for shell completion. */
    static final class Actions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ACTIONS.iterator();
        }
    }
}

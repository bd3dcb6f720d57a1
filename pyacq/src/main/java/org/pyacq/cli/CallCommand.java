package org.pyacq.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.daemon.ProcessCalls;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RemoteCallException;
import org.pyacq.rpc.RpcClient;
import org.pyacq.wire.ProxyRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code pyacq call NAME PATH [ARGS...]}. */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Call a method in a process and print the result.",
        description = {
            "Calls a static method, a constructor, or a method of a published object in a process, and prints "
                    + "the result.",
            "",
            "PATH is a dotted name. If its first segment is a name the process published (every process "
                    + "publishes 'self', its RPC server), the rest is walked from that object; otherwise PATH is "
                    + "a class followed by static members (java.lang.System.getProperty). The target is called "
                    + "with ARGS; without ARGS, a field or a published value is printed as it is.",
            "",
            "Each ARG is a JSON literal when it parses as one (42, 1.5, true, null, \"text\", [1, 2], "
                    + "{\"k\": 1}), else plain text: java.version is the text java.version. Put -- before ARGS "
                    + "that start with '-' and are not numbers.",
            "",
            "The daemon makes the call and owns what it creates in the process: an object result is "
                    + "released once printed (nothing is left behind, even if this command is killed), unless "
                    + "--keep NAME publishes it in the process under NAME; then 'pyacq call w1 NAME.size' "
                    + "reaches it and 'pyacq call w1 --forget NAME' drops it.",
            "",
            "The result is printed on one line as 'pyacq eval' and the REPL print it: numbers and text as "
                    + "they are (text without quotes), lists and maps with their first 10 entries, arrays as "
                    + "dtype[shape] and their first values (float64[3] [1.0, 2.0, 3.0]), remote objects as "
                    + "<type #id at process>. --json prints all of it as JSON. If the remote code raises, its "
                    + "one-line summary goes to stderr and the exit code is 1; a process that is not running is "
                    + "exit 3, with how it ended.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  $ pyacq call w1 java.lang.System.getProperty java.version",
            "  17.0.15",
            "  $ pyacq call w1 java.lang.Math.max 3 4",
            "  4",
            "  $ pyacq call w1 java.util.List.of '\"a\"' '[1, 2]' --json",
            "  [\"a\",[1,2]]",
            "  $ pyacq call w1 java.util.ArrayList --keep list",
            "  <java.util.ArrayList #7 at w1>",
            "  $ pyacq call w1 list.add 5",
            "  true",
            "  $ pyacq call w1 --forget list",
            "  $ pyacq call w1 self.ping",
            "  pong",
            "  $ pyacq call --address tcp://127.0.0.1:5000 --insecure numpy.zeros 3   # a Python pyacq server",
            "  float64[3] [0.0, 0.0, 0.0]"})
final class CallCommand extends SessionCommand implements ErrorReporter.RemoteTraceOption {
    @Parameters(index = "0", paramLabel = "NAME", description = "The process (see 'pyacq ps').")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH",
            description = "What to call, e.g. java.lang.System.getProperty or self.ping.")
    private String path;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Arguments: JSON literals, else text.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--trace", description = "If the remote code raises, print its whole remote trace, "
            + "not only the summary.")
    private boolean trace;

    @Option(names = "--keep", paramLabel = "NAME", description = "Publish an object result in the process "
            + "under NAME instead of releasing it.")
    private String keep;

    @Option(names = "--forget", paramLabel = "NAME", description = "Drop what the process published under "
            + "NAME (by --keep), instead of calling anything.")
    private String forget;

    @Option(names = "--address", paramLabel = "ADDRESS", description = "Call into the RPC server at ADDRESS "
            + "(tcp://HOST:PORT) instead of a process of the daemon: a server started in your own JVM, or a stock "
            + "Python pyacq one (with --insecure). Leave NAME out: pyacq call --address ADDRESS PATH [ARG...].")
    private String address;

    @Override
    void validate() {
        if (address != null) {
            if (forget != null) {
                throw new ParameterException(spec.commandLine(), "--forget does not go with --address; call "
                        + "self.unpublish " + forget + " instead");
            }
            return;   // NAME is PATH, and PATH the first ARG
        }
        if (forget != null && path != null) {
            throw new ParameterException(spec.commandLine(), "--forget " + forget + " takes no PATH (" + path
                    + "); drop the name, then call");
        }
        if (forget == null && path == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PATH' (what to call in '"
                    + name + "', e.g. java.lang.System.getProperty or self.ping)");
        }
    }

    @Override
    Integer runWithoutDaemon() {
        if (address == null) {
            return null;
        }
        List<String> rest = new ArrayList<>();
        if (path != null) {
            rest.add(path);
        }
        rest.addAll(args);
        List<Object> values = new ArrayList<>();
        rest.forEach(a -> values.add(JsonText.parseArgument(a)));
        Duration timeout = root.global().timeout();
        try (RpcClient client = RpcClient.open(address, ClientOptions.builder().timeout(timeout).build())) {
            Map<String, Object> answer;
            try {
                answer = ProcessCalls.callAt(client, address, name, values, timeout, keep);
            } catch (IllegalArgumentException e) {
                throw new CommandException(CliExitCodes.USAGE, e.getMessage());
            }
            out().println(print(answer, address));
        }
        return CliExitCodes.OK;
    }

    @Override
    int run(DaemonSession session) {
        DaemonCalls calls = new DaemonCalls(session);
        if (forget != null) {
            if (!calls.forget(name, forget)) {
                throw new CommandException(CliExitCodes.FAILURE, "process '" + name + "' has nothing published "
                        + "under '" + forget + "'");
            }
            return CliExitCodes.OK;
        }
        List<Object> values = new ArrayList<>();
        args.forEach(a -> values.add(JsonText.parseArgument(a)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", name);
        request.put("path", path);
        request.put("args", values);
        request.put("timeout", root.global().timeout().toMillis() / 1000.0);
        if (keep != null) {
            request.put("keep", keep);
        }
        Map<String, Object> answer = calls.call(request, root.global().timeout());
        out().println(print(answer, name));
        return CliExitCodes.OK;
    }

    /**
     * The result line of a call's answer, objects of the called server named {@code label}; throws the
     * remote error if the call raised.
     */
    private String print(Map<String, Object> answer, String label) {
        if (answer.get("error") instanceof Map<?, ?> error) {
            List<String> lines = new ArrayList<>();
            if (error.get("lines") instanceof List<?> l) {
                l.forEach(x -> lines.add(String.valueOf(x)));
            }
            throw new RemoteCallException(String.valueOf(error.get("address")), String.valueOf(error.get("type")),
                    lines);
        }
        Object result = answer.containsKey("object") ? answer.get("object") : answer.get("value");
        Object value = answer.containsKey("object") ? objectOf(result) : withObjects(result, 0);
        if (json) {
            return JsonText.write(value);
        }
        String[] address = {null};
        if (value instanceof ProxyRef r) {
            address[0] = r.rpcAddr();
        }
        ValuePrinter printer = new ValuePrinter(a -> a.equals(address[0]) || address[0] == null ? label : null, 10, 8,
                ValuePrinter.Extension.NONE);
        return printer.formatUnquoted(value);
    }

    /** An object's description (type, id, address) as a reference to print; nothing is held by it. */
    private static Object objectOf(Object description) {
        if (description instanceof Map<?, ?> m && m.get("address") instanceof String address
                && m.get("id") instanceof Number id) {
            return new ProxyRef(address, id.longValue(), 0, String.valueOf(m.get("type")), List.of());
        }
        return description;
    }

    private static Object withObjects(Object value, int depth) {
        if (depth > 64) {
            return value;
        }
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey(ProcessCalls.NESTED_OBJECT)) {
                return objectOf(m.get(ProcessCalls.NESTED_OBJECT));
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, withObjects(v, depth + 1)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(withObjects(v, depth + 1)));
            return out;
        }
        return value;
    }

    @Override
    public boolean showRemoteTrace() {
        return trace;
    }
}

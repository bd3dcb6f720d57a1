package org.pyacq.cli;

import java.util.ArrayList;
import java.util.List;
import org.pyacq.cli.present.ValuePrinter;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.RpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
            "The result is printed on one line as 'pyacq eval' and the REPL print it: numbers and text as "
                    + "they are (text without quotes), lists and maps with their first 10 entries, arrays as "
                    + "dtype[shape] and their first values (float64[3] [1.0, 2.0, 3.0]), remote objects as "
                    + "<type #id at address>. --json prints all of it as JSON. If the remote code raises, its "
                    + "one-line summary goes to stderr and the exit code is 1.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  $ pyacq call w1 java.lang.System.getProperty java.version",
            "  17.0.15",
            "  $ pyacq call w1 java.lang.Math.max 3 4",
            "  4",
            "  $ pyacq call w1 java.util.List.of '\"a\"' '[1, 2]' --json",
            "  [\"a\",[1,2]]",
            "  $ pyacq call w1 self.ping",
            "  pong"})
final class CallCommand extends SessionCommand implements ErrorReporter.RemoteTraceOption {
    @Parameters(index = "0", paramLabel = "NAME", description = "The process (see 'pyacq ps').")
    private String name;

    @Parameters(index = "1", paramLabel = "PATH",
            description = "What to call, e.g. java.lang.System.getProperty or self.ping.")
    private String path;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Arguments: JSON literals, else text.")
    private List<String> args = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--trace", description = "If the remote code raises, print its whole remote trace, "
            + "not only the summary.")
    private boolean trace;

    @Override
    int run(DaemonSession session) {
        List<Object> values = new ArrayList<>();
        args.forEach(a -> values.add(JsonText.parseArgument(a)));
        try (RpcClient client = openProcess(session, name)) {
            Object result = CallTarget.invoke(client, path, values);
            out().println(json ? JsonText.write(result) : ValuePrinter.plain().formatUnquoted(result));
        }
        return CliExitCodes.OK;
    }

    @Override
    public boolean showRemoteTrace() {
        return trace;
    }
}

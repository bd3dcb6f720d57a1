package org.pyacq.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pyacq.cli.session.DaemonSession;
import org.pyacq.rpc.ClientOptions;
import org.pyacq.rpc.RpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pyacq ping [NAME]}. */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        header = "Check that the daemon, or a process, answers.",
        description = {
            "Checks that the daemon (or, given NAME, one of its processes) answers: prints 'pong' and the round "
                    + "trip of one RPC ping, once connected, in milliseconds. Starts the daemon if none runs "
                    + "(unless --no-autostart), so 'pyacq ping' also means 'make sure the daemon is up'.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pyacq ping",
            "  pyacq ping w1",
            "  pyacq ping --no-autostart --timeout 2 || echo 'no daemon'"})
final class PingCommand extends SessionCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "A process to ping instead of the daemon.")
    private String name;

    @Option(names = "--json", description = "Print {\"target\": ..., \"address\": ..., \"round_trip_ms\": ...}.")
    private boolean json;

    @Override
    int run(DaemonSession session) {
        RpcClient client = name == null
                ? RpcClient.open(session.runtime().address(), ClientOptions.builder().timeout(session.timeout()).build())
                : openProcess(session, name);
        double millis;
        try (client) {
            client.ping();   // connects
            long start = System.nanoTime();
            client.ping();
            millis = (System.nanoTime() - start) / 1e6;
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", name == null ? "daemon" : name);
            m.put("address", client.address());
            m.put("round_trip_ms", Math.round(millis * 1000) / 1000.0);
            out().println(JsonText.write(m));
        } else {
            out().println(String.format(Locale.ROOT, "pong %.2f ms", millis));
        }
        return CliExitCodes.OK;
    }
}

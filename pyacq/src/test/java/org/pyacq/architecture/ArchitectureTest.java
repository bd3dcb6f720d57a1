package org.pyacq.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the product, lowest first, each using only those below it (README, "Layout"):
 *
 * <pre>
 *   wire       frames, actions, value encoding (msgpack, JSON)      knows nothing of sockets
 *   transport  sockets (JeroMQ, CURVE, same-host), security, identity  the only layer naming JeroMQ
 *   rpc        RpcServer, RpcClient, ObjectProxy (rpc.invoke: reflection)
 *   log        log server, senders, console output
 *   spawn      ProcessSpawner, child bootstrap, warm spares
 *   daemon     pyacqd: supervision, control object, runtime file, clients' session
 *   cli        picocli commands; cli.repl below the commands that start it
 * </pre>
 */
class ArchitectureTest {
    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pyacq");
        assertTrue(product.size() > 100, "only " + product.size() + " product classes found");
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("wire").definedBy("org.pyacq.wire..")
                .layer("transport").definedBy("org.pyacq.transport..")
                .layer("rpc").definedBy("org.pyacq.rpc..")
                .layer("log").definedBy("org.pyacq.log..")
                .layer("spawn").definedBy("org.pyacq.spawn..")
                .layer("daemon").definedBy("org.pyacq.daemon..")
                .layer("cli").definedBy("org.pyacq.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("daemon").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("spawn").mayOnlyBeAccessedByLayers("daemon", "cli")
                .whereLayer("log").mayOnlyBeAccessedByLayers("spawn", "daemon", "cli")
                .whereLayer("rpc").mayOnlyBeAccessedByLayers("log", "spawn", "daemon", "cli")
                .whereLayer("transport").mayOnlyBeAccessedByLayers("rpc", "log", "spawn", "daemon", "cli")
                .whereLayer("wire").mayOnlyBeAccessedByLayers("transport", "rpc", "log", "spawn", "daemon", "cli")
                .check(product);
    }

    @Test
    void packagesHaveNoCycles() {
        // sub-packages count on their own: cli.repl may not use cli, rpc.invoke may not use rpc
        slices().matching("org.pyacq.(**)").should().beFreeOfCycles().check(product);
    }

    @Test
    void onlyTransportNamesJeroMq() {
        noClasses().that().resideOutsideOfPackage("org.pyacq.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("org.zeromq..", "zmq..")
                .because("transport wraps JeroMQ in types of its own (ServerEndpoint, ClientLink, PullReceiver,"
                        + " PushSender, Publisher, Subscriber, BootstrapLink...)")
                .check(product);
    }

    /**
     * No lower layer starts an upper one by name (a class name in a string, as a process's main
     * class): the daemon finds the command line's launcher as a service instead.
     */
    @Test
    void lowerLayersDoNotNameTheCommandLine() throws IOException {
        Path classes = Path.of("target", "classes", "org", "pyacq");
        List<String> offenders = new ArrayList<>();
        for (String layer : List.of("wire", "transport", "rpc", "log", "spawn", "daemon")) {
            try (Stream<Path> files = Files.walk(classes.resolve(layer))) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (text.contains("org.pyacq.cli") || text.contains("org/pyacq/cli")) {
                        offenders.add(classes.relativize(f).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "classes below cli that name it");
    }
}

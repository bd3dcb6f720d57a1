package org.pyacq.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Java's object deserialization turns bytes into objects of any class on the class path and is the
 * classic way to run code through a socket. Nothing in this project may use it: no class file of
 * the build refers to the JDK's object streams or to XML bean decoding.
 *
 * <p>One exception, named here: the benchmark's Java RMI baseline ({@code pyacq bench} compares
 * our RPC with RMI, as the project's goals ask). RMI deserializes; those classes run only inside
 * the benchmark's own short-lived JVMs, bound to loopback for the length of a run, and nothing
 * else in the project refers to them.
 */
class NoJavaDeserializationTest {
    /** Internal names of the classes that decode arbitrary objects from bytes. */
    private static final List<String> FORBIDDEN = List.of(
            "java/io/ObjectInputStream",
            "java/io/ObjectInput",
            "java/beans/XMLDecoder",
            "java/rmi/");

    @Test
    void noClassOfTheProjectUsesJavaDeserialization() throws IOException {
        Path classes = Path.of("target", "classes");
        assertTrue(Files.isDirectory(classes.resolve("org/pyacq")), "compile first: " + classes.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                scanned++;
                // constant-pool strings are stored as (modified) UTF-8, so a class name used anywhere in
                // the class (a call, a field type, a cast, a catch) appears in the file as these bytes
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String name : FORBIDDEN) {
                    if (text.contains(name)) {
                        offenders.add(classes.relativize(f) + " refers to " + name);
                    }
                }
                if (text.contains("readObject") && text.contains("(Ljava/io/ObjectInputStream;)V")) {
                    offenders.add(classes.relativize(f) + " defines a readObject hook");
                }
            }
        }
        assertTrue(scanned > 100, "only " + scanned + " class files found under " + classes);
        assertTrue(offenders.isEmpty(), "Java deserialization found: " + offenders);
    }
}

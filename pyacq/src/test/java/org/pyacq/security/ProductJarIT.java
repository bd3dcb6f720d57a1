package org.pyacq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.pyacq.testing.Checkout;

/**
 * The jar that ships (bin/ runs it, the Docker image and the systemd install copy it) holds the
 * product only: no benchmark classes, and none of pyacq's classes uses Java RMI.
 */
class ProductJarIT {
    @Test
    void productJarHoldsNoBenchmarkAndNoRmi() throws IOException {
        Path jar = Checkout.productJar();
        assertTrue(Files.isRegularFile(jar), "run after mvn package (failsafe does): " + jar);
        List<String> bench = new ArrayList<>();
        List<String> rmi = new ArrayList<>();
        int pyacqClasses = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith("org/pyacq/bench/")) {
                    bench.add(name);
                }
                if (name.startsWith("org/pyacq/") && name.endsWith(".class")) {
                    pyacqClasses++;
                    try (InputStream in = file.getInputStream(entry)) {
                        // class names in the constant pool are stored as (modified) UTF-8
                        if (new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("java/rmi/")) {
                            rmi.add(name);
                        }
                    }
                }
            }
        }
        assertTrue(pyacqClasses > 100, "only " + pyacqClasses + " pyacq classes in " + jar);
        assertEquals(List.of(), bench, "benchmark classes in the product jar");
        assertEquals(List.of(), rmi, "product classes that use Java RMI");
    }
}

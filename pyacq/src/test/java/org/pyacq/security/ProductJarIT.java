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

    /**
     * picocli's own jar holds Java 5 class files, which class-data sharing archives and AOT caches
     * refuse; every command builds a picocli model, so the product ships them rewritten as Java 8
     * class files (module picocli-java8). Checked in the jar, and by an archive made the way the
     * launcher makes one: it must hold picocli's classes.
     */
    @Test
    void picocliIsInTheArchiveOfTheCommandLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path jar = Checkout.productJar();
        List<String> old = new ArrayList<>();
        int picocli = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
                    picocli++;
                    try (InputStream in = file.getInputStream(entry)) {
                        byte[] head = in.readNBytes(8);
                        int major = ((head[6] & 0xff) << 8) | (head[7] & 0xff);
                        if (major < 52) {
                            old.add(entry.getName() + " (class file version " + major + ")");
                        }
                    }
                }
            }
        }
        assertTrue(picocli > 100, "only " + picocli + " picocli classes in " + jar);
        assertEquals(List.of(), old, "picocli classes older than Java 8 in the product jar");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path archive = dir.resolve("cli.jsa");
        Path classes = dir.resolve("classes.txt");
        run(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-cp", jar.toString(), "org.pyacq.cli.PyacqCommand", "completion"), dir);
        assertTrue(Files.size(archive) > 0, "no archive was written");
        run(List.of(java, "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:class+load:file=" + classes,
                "-cp", jar.toString(), "org.pyacq.cli.PyacqCommand", "completion"), dir);
        // (--version and --help print without picocli; completion builds every command's model)
        String line = Files.readAllLines(classes).stream().filter(l -> l.contains(" picocli.CommandLine "))
                .findFirst().orElse("picocli.CommandLine was not loaded");
        assertTrue(line.contains("shared objects file"), "picocli.CommandLine did not come from the archive: " + line);
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within 60 s");
        }
        assertEquals(0, p.exitValue(), () -> command + " failed: " + readQuietly(dir.resolve("out.txt")));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}

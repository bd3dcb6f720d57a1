package org.pyacq.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build tool: copies the jar that holds a class on this tool's class path into a directory, with
 * every class file older than Java 8 rewritten as a Java 8 class file (version 52) with stack map
 * frames, which ASM computes; instructions, constants, attributes and resources are copied as they
 * are. The JVM then verifies those classes with its type-checking verifier, and class-data sharing
 * archives and AOT caches can hold them.
 *
 * <p>Usage: {@code ClassFileUpgrade RESOURCE OUTPUT_DIR}, e.g. {@code picocli/CommandLine.class
 * target/classes}. Module descriptors, signatures and the manifest are not copied.
 */
public final class ClassFileUpgrade {
    private ClassFileUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ClassFileUpgrade RESOURCE OUTPUT_DIR");
        }
        Path jar = jarHolding(args[0]);
        Path out = Path.of(args[1]);
        int upgraded = 0;
        try (JarFile in = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || skipped(name)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream s = in.getInputStream(entry)) {
                    bytes = s.readAllBytes();
                }
                if (name.endsWith(".class") && majorVersion(bytes) < Opcodes.V1_8) {
                    bytes = upgrade(bytes);
                    upgraded++;
                }
                Path target = out.resolve(name).normalize();
                if (!target.startsWith(out.normalize())) {
                    throw new IOException("entry " + name + " of " + jar + " points outside " + out);
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
            }
        }
        System.out.println("ClassFileUpgrade: " + upgraded + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files into " + out);
    }

    /** The jar (not a directory: an earlier run's output may be on the class path too) that holds {@code resource}. */
    private static Path jarHolding(String resource) throws IOException {
        ClassLoader loader = ClassFileUpgrade.class.getClassLoader();
        for (Enumeration<URL> urls = loader.getResources(resource); urls.hasMoreElements();) {
            URL url = urls.nextElement();
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                c.setUseCaches(false);
                try {
                    return Path.of(c.getJarFileURL().toURI());
                } catch (java.net.URISyntaxException e) {
                    throw new IOException("cannot read the jar of " + url, e);
                }
            }
        }
        throw new IOException("no jar on the class path holds " + resource);
    }

    private static boolean skipped(String name) {
        return name.equals("META-INF/MANIFEST.MF") || name.endsWith("module-info.class")
                || name.matches("META-INF/[^/]*\\.(SF|DSA|RSA|EC)");
    }

    private static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static byte[] upgrade(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        // COMPUTE_FRAMES resolves common super classes through this tool's class loader, which has the original jar
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}

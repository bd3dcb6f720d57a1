package org.pyacq.spawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about a {@code java} executable: its feature version, read from its {@code release} file. */
final class JavaRuntime {
    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final Map<Path, Integer> FEATURES = new ConcurrentHashMap<>();

    private JavaRuntime() {
    }

    /** The feature version (17, 21, 25...) of {@code java}, or this JVM's if it cannot be read. */
    static int featureVersion(Path java) {
        return FEATURES.computeIfAbsent(java.toAbsolutePath(), JavaRuntime::read);
    }

    private static int read(Path java) {
        if (java.equals(SpawnOptions.currentJava().toAbsolutePath())) {
            return Runtime.version().feature();
        }
        try {
            Path home = java.toRealPath().getParent().getParent();
            String release = Files.readString(home.resolve("release"), StandardCharsets.UTF_8);
            Matcher m = VERSION.matcher(release);
            if (m.find()) {
                int v = Integer.parseInt(m.group(1));
                return v == 1 ? 8 : v;
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        return Runtime.version().feature();
    }

    /** Options every child JVM of this version gets. */
    static java.util.List<String> standardOptions(int feature) {
        if (feature >= 24) {
            // msgpack-java reads memory through sun.misc.Unsafe; JDK 24+ warns about that on stderr
            return java.util.List.of("--sun-misc-unsafe-memory-access=allow");
        }
        return java.util.List.of();
    }
}
